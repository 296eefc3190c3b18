import { buildArtifact, packageTargetFor } from '../packaging';
import { isUnmanaged, refuseDeployOver } from './unmanaged';
import { UserError, type Deployment, type FunctionSpec, type Provider } from '../model';

export interface DeployOutcome {
  deployment: Deployment;
  /** What was done: nothing (code and settings unchanged), settings only, or new code. */
  action: 'unchanged' | 'configured' | 'deployed';
  codeHash: string;
}

export type DeployStep = 'packaging' | 'checking' | 'uploading' | 'configuring';

/**
 * Packages a handler and deploys it only when the platform's copy differs: unchanged code is
 * not uploaded again, changed memory/timeout is applied with a configure call.
 */
export async function deployIfChanged(
  spec: FunctionSpec,
  provider: Provider,
  options: { signal?: AbortSignal; onStep?: (step: DeployStep) => void; onProgress?: (message: string) => void; runtimeDir?: string } = {},
): Promise<DeployOutcome> {
  const target = packageTargetFor(provider.id);
  if (!target) throw new UserError(`Deploying to ${provider.displayName} is not available in this version of FaaS Lab`);
  options.onStep?.('packaging');
  const artifact = await buildArtifact(spec, { target, runtimeDir: options.runtimeDir });
  options.onStep?.('checking');
  const current = await provider.get(spec.name, options.signal);
  if (current && isUnmanaged(current)) refuseDeployOver(current, provider.displayName);
  // A platform that ships code more than one way (zip or image) redeploys when the way changes.
  const packaging = current && provider.packaging ? await provider.packaging(spec, artifact, options.signal) : undefined;
  const samePackaging = packaging === undefined || current?.packaging === packaging;
  if (current && current.codeHash === artifact.codeHash && samePackaging && sameEnv(current.env, spec.env)) {
    // Platforms with fixed sizes round up: 300 MB asked for, 512 MB running is not a change.
    const memoryMB = provider.memoryFor ? provider.memoryFor(spec.memoryMB) : spec.memoryMB;
    if (current.memoryMB === memoryMB && current.timeoutS === spec.timeoutS) {
      return { deployment: current, action: 'unchanged', codeHash: artifact.codeHash };
    }
    options.onStep?.('configuring');
    const deployment = await provider.configure(current, { memoryMB: spec.memoryMB, timeoutS: spec.timeoutS }, options.signal);
    return { deployment, action: 'configured', codeHash: artifact.codeHash };
  }
  options.onStep?.('uploading');
  const deployment = await provider.deploy(spec, artifact, options.signal, options.onProgress);
  return { deployment, action: 'deployed', codeHash: artifact.codeHash };
}

function sameEnv(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const left = a ?? {};
  const keys = new Set([...Object.keys(left), ...Object.keys(b)]);
  for (const k of keys) if (left[k] !== b[k]) return false;
  return true;
}
