import type { FunctionSpec } from '../../core/model';
import { askPayload } from '../payloads';
import type { CommandBody } from './context';
import { deployWithProgress } from './deploy';
import { writeInvocation } from './invocation-output';
import { chooseFunction, choosePlatform } from './targets';

/** faasLab.invoke: asks for a payload, deploys if the code changed, calls the handler. */
export const invoke: CommandBody<[FunctionSpec?]> = async (ctx, ui, fromLens) => {
  const spec = await chooseFunction(ctx, ui, fromLens);
  const provider = spec && (await choosePlatform(ctx, ui, spec));
  if (!spec || !provider) return undefined;
  const payload = await askPayload(ctx, ui, spec.name, spec.file);
  if (payload === undefined) return undefined;
  const { deployment } = await deployWithProgress(ctx, spec, provider);
  const inv = await ctx.withProgress(`FaaS Lab: invoking ${spec.name} on ${provider.displayName}`, (_report, signal) =>
    provider.invoke(deployment, payload, { signal }),
  );
  writeInvocation(ctx.output, spec.name, inv);
  return inv;
};
