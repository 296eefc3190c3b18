import { deployIfChanged, type DeployOutcome } from '../../core/functions/deploy';
import type { FunctionSpec, Provider } from '../../core/model';
import type { FaasLabContext } from '../context';
import { registerCommand, withProgress } from './register';
import { chooseFunction, choosePlatform } from './targets';

const STEP_TEXT = { packaging: 'packaging…', checking: 'comparing with the deployed code…', uploading: 'deploying…', configuring: 'updating settings…' };

/** Deploys with a progress notification and writes the outcome to the output channel. */
export async function deployWithProgress(ctx: FaasLabContext, spec: FunctionSpec, provider: Provider): Promise<DeployOutcome> {
  const started = Date.now();
  const outcome = await withProgress(`FaaS Lab: ${spec.name} → ${provider.displayName}`, (report, signal) =>
    deployIfChanged(spec, provider, { signal, onStep: (step) => report(STEP_TEXT[step]), onProgress: report }),
  );
  const verb = { unchanged: 'unchanged — not redeployed', configured: 'settings updated', deployed: 'deployed' }[outcome.action];
  const d = outcome.deployment;
  ctx.output.appendLine(`[${new Date().toISOString()}] ${spec.name} on ${provider.displayName}: ${verb} in ${Date.now() - started} ms (${d.memoryMB} MB, timeout ${d.timeoutS} s, code ${d.codeHash.slice(0, 12)})`);
  if (outcome.action !== 'unchanged') ctx.fireDeploymentsChanged();
  return outcome;
}

export function registerDeploy(ctx: FaasLabContext): void {
  registerCommand(ctx, 'faasLab.deploy', async (fromLens?: FunctionSpec) => {
    const spec = await chooseFunction(ctx, fromLens);
    const provider = spec && (await choosePlatform(ctx, spec));
    if (!spec || !provider) return;
    const outcome = await deployWithProgress(ctx, spec, provider);
    ctx.output.show(true);
    return outcome.deployment;
  });
}
