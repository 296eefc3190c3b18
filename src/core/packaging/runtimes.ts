import type { Language, PlatformId } from '../model';

/** Platforms the packager builds for; each provider passes its own id. */
export type PackageTarget = 'local' | 'docker' | 'openfaas' | 'aws' | 'gcp' | 'azure';

/** Runtime identifiers in each platform's own terms. */
const RUNTIMES: Record<PackageTarget, Record<Language, string>> = {
  local: { node: 'node', python: 'python3' },
  // Which base image runs them is the Docker provider's setting (faasLab.docker.nodeImage / pythonImage).
  docker: { node: 'node', python: 'python3' },
  // OpenFaaS runs the same HTTP entry as Docker, in an image built on the same base images.
  openfaas: { node: 'node', python: 'python3' },
  aws: { node: 'nodejs20.x', python: 'python3.12' },
  gcp: { node: 'nodejs20', python: 'python312' },
  // Azure names the runtime and its version apart (functionAppConfig.runtime): 'node 20', 'python 3.11'.
  azure: { node: 'node 20', python: 'python 3.11' },
};

export function runtimeFor(target: PackageTarget, language: Language): string {
  return RUNTIMES[target][language];
}

const TARGET_OF: Partial<Record<PlatformId, PackageTarget>> = { local: 'local', docker: 'docker', openfaas: 'openfaas', aws: 'aws', gcp: 'gcp', azure: 'azure' };

/** The build a platform runs, or undefined when this version cannot package for it. */
export function packageTargetFor(platform: PlatformId): PackageTarget | undefined {
  return TARGET_OF[platform];
}
