import { createHash } from 'node:crypto';
import type { ArtifactFile } from '../model';

/**
 * Content hash of an artifact: paths, modes and bytes in path order, plus anything else that
 * changes what runs (runtime, handler). Equal hashes mean there is nothing to redeploy.
 */
export function hashArtifact(files: readonly ArtifactFile[], extra: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of extra) hash.update(`${part}\0`);
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${(file.mode ?? 0o644).toString(8)}\0${file.data.byteLength}\0`);
    hash.update(file.data);
  }
  return hash.digest('hex');
}
