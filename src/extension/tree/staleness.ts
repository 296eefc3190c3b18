import { promises as fs } from 'node:fs';
import { resolveFunctionRef } from '../../core/functions/find';
import type { Deployment, Provider } from '../../core/model';
import { buildArtifact, packageTargetFor } from '../../core/packaging';

/** The modification times of the files an artifact was made from (-1: no such file). */
type Stamps = [path: string, mtimeMs: number][];

const cache = new Map<string, { stamps: Stamps; codeHash: string }>();

/**
 * Whether the handler's current source would deploy different code. Packaging is cached until
 * one of the files it read (the handler, the modules and packages it imports, its includes)
 * changes, so a tree refresh does not re-bundle unchanged code.
 * Undefined when it cannot be told (no source recorded, file gone, packaging failed).
 */
export async function workspaceCodeDiffers(provider: Provider, d: Deployment): Promise<boolean | undefined> {
  const target = packageTargetFor(provider.id);
  if (!d.sourceFile || !d.handler || !target) return undefined;
  try {
    const key = `${target}:${d.sourceFile}:${d.handler}`;
    let entry = cache.get(key);
    if (!entry || !(await unchanged(entry.stamps))) {
      const spec = await resolveFunctionRef(`${d.sourceFile}:${d.handler}`);
      const artifact = await buildArtifact(spec, { target });
      entry = { stamps: await stampsOf(artifact.sources ?? [d.sourceFile]), codeHash: artifact.codeHash };
      cache.set(key, entry);
    }
    return entry.codeHash !== d.codeHash;
  } catch {
    return undefined;
  }
}

async function stampsOf(paths: string[]): Promise<Stamps> {
  return Promise.all(paths.map(async (p): Promise<[string, number]> => [p, await fs.stat(p).then((s) => s.mtimeMs, () => -1)]));
}

async function unchanged(stamps: Stamps): Promise<boolean> {
  const now = await stampsOf(stamps.map(([p]) => p));
  return now.every(([, mtime], i) => mtime === stamps[i][1]);
}
