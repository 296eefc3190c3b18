import { deployIfChanged, type DeployOutcome } from '../../core/functions/deploy';
import type { FunctionSpec, Provider } from '../../core/model';
import type { CommandBody, CommandContext } from './context';
import { chooseFunction, choosePlatform } from './targets';

const STEP_TEXT = { packaging: 'packaging…', checking: 'comparing with the deployed code…', uploading: 'deploying…', configuring: 'updating settings…' };

/** Deploys with a progress notification and writes the outcome to the output channel. */
export async function deployWithProgress(ctx: CommandContext, spec: FunctionSpec, provider: Provider): Promise<DeployOutcome> {
  const started = Date.now();
  const outcome = await ctx.withProgress(`FaaS Lab: ${spec.name} → ${provider.displayName}`, (report, signal) =>
    deployIfChanged(spec, provider, { signal, onStep: (step) => report(STEP_TEXT[step]), onProgress: report }),
  );
  const verb = { unchanged: 'unchanged — not redeployed', configured: 'settings updated', deployed: 'deployed' }[outcome.action];
  const d = outcome.deployment;
  ctx.output.appendLine(`[${new Date().toISOString()}] ${spec.name} on ${provider.displayName}: ${verb} in ${Date.now() - started} ms (${d.memoryMB} MB, timeout ${d.timeoutS} s, code ${d.codeHash.slice(0, 12)})`);
  if (outcome.action !== 'unchanged') ctx.fireDeploymentsChanged();
  return outcome;
}

/** faasLab.deploy: the CodeLens's handler (or the active editor's), to a platform it names. */
export const deploy: CommandBody<[FunctionSpec?]> = async (ctx, ui, fromLens) => {
  const spec = await chooseFunction(ctx, ui, fromLens);
  const provider = spec && (await choosePlatform(ctx, ui, spec));
  if (!spec || !provider) return undefined;
  const outcome = await deployWithProgress(ctx, spec, provider);
  ctx.output.show(true);
  return outcome.deployment;
};
