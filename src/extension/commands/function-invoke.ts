import type { FunctionNode } from '../tree/nodes';
import { askPayload } from '../payloads';
import type { CommandBody } from './context';
import { writeInvocation } from './invocation-output';

/** faasLab.function.invoke: calls a deployed function from the Functions view with a payload. */
export const invokeDeployed: CommandBody<[FunctionNode]> = async (ctx, ui, node) => {
  const payload = await askPayload(ctx, ui, node.deployment.name, node.deployment.sourceFile ?? '');
  if (payload === undefined) return undefined;
  const inv = await ctx.withProgress(`FaaS Lab: invoking ${node.deployment.name}`, (_r, signal) => node.provider.invoke(node.deployment, payload, { signal }));
  writeInvocation(ctx.output, node.deployment.name, inv);
  return inv;
};
