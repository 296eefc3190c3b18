import { promises as fs } from 'node:fs';
import { resolveFunctionRef } from '../../core/functions/find';
import type { Deployment, Provider } from '../../core/model';
import { buildArtifact, packageTargetFor } from '../../core/packaging';

const cache = new Map<string, { mtimeMs: number; codeHash: string }>();

/**
 * Whether the handler's current source would deploy different code. Packaging is cached by
 * the source file's mtime so a tree refresh does not re-bundle unchanged files.
 * Undefined when it cannot be told (no source recorded, file gone, packaging failed).
 */
export async function workspaceCodeDiffers(provider: Provider, d: Deployment): Promise<boolean | undefined> {
  const target = packageTargetFor(provider.id);
  if (!d.sourceFile || !d.handler || !target) return undefined;
  try {
    const { mtimeMs } = await fs.stat(d.sourceFile);
    const key = `${target}:${d.sourceFile}:${d.handler}`;
    let entry = cache.get(key);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      const spec = await resolveFunctionRef(`${d.sourceFile}:${d.handler}`);
      entry = { mtimeMs, codeHash: (await buildArtifact(spec, { target })).codeHash };
      cache.set(key, entry);
    }
    return entry.codeHash !== d.codeHash;
  } catch {
    return undefined;
  }
}
