// The Deployment a deploy or a configuration change makes on a platform that keeps its own records.
import type { Artifact, ConfigureChange, Deployment, FunctionSpec, PlatformId } from '../../core/model';
import { checkLimits } from './limits';

/** What a deploy checks before it does anything: the artifact is the handler's, its limits are possible. */
export function checkDeployable(platform: string, spec: FunctionSpec, artifact: Artifact): void {
  if (artifact.language !== spec.language) {
    throw new Error(`Artifact for ${artifact.functionName} is ${artifact.language}, but ${spec.name} is a ${spec.language} handler`);
  }
  checkLimits(platform, spec.memoryMB, spec.timeoutS);
}

/** The Deployment a deploy of `spec` makes, as of now. */
export function deploymentOf(platform: PlatformId, spec: FunctionSpec, artifact: Artifact, endpoint?: string): Deployment {
  return {
    platform,
    name: spec.name,
    language: artifact.language,
    runtime: artifact.runtime,
    memoryMB: spec.memoryMB,
    timeoutS: spec.timeoutS,
    codeHash: artifact.codeHash,
    ...(endpoint === undefined ? {} : { endpoint }),
    updatedAt: new Date().toISOString(),
    sourceFile: spec.file,
    handler: spec.handler,
    env: { ...spec.env },
    managed: true,
  };
}

/** `current` with the change's memory size and timeout, once they are checked possible. */
export function configuredDeployment(platform: string, current: Deployment, change: ConfigureChange): Deployment {
  const updated: Deployment = {
    ...current,
    memoryMB: change.memoryMB ?? current.memoryMB,
    timeoutS: change.timeoutS ?? current.timeoutS,
    updatedAt: new Date().toISOString(),
  };
  checkLimits(platform, updated.memoryMB, updated.timeoutS);
  return updated;
}

/**
 * The env a platform keeps with a function as JSON text (a label, an annotation). A hand-edited one
 * that no longer parses gives no env, so the function is still reported rather than not at all.
 */
export function envFromJson(text: string | undefined): Record<string, string> {
  try {
    return JSON.parse(text ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
