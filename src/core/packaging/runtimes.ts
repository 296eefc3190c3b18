import type { Language, PlatformId } from '../model';

/** Platforms the packager builds for; each provider passes its own id. */
export type PackageTarget = 'local' | 'aws';

/** Runtime identifiers in each platform's own terms. */
const RUNTIMES: Record<PackageTarget, Record<Language, string>> = {
  local: { node: 'node', python: 'python3' },
  aws: { node: 'nodejs20.x', python: 'python3.12' },
};

export function runtimeFor(target: PackageTarget, language: Language): string {
  return RUNTIMES[target][language];
}

const TARGET_OF: Partial<Record<PlatformId, PackageTarget>> = { local: 'local', aws: 'aws' };

/** The build a platform runs, or undefined when this version cannot package for it. */
export function packageTargetFor(platform: PlatformId): PackageTarget | undefined {
  return TARGET_OF[platform];
}
