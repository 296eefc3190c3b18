import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UserError, type ArtifactFile } from '../model';

/** Files below `root/rel` (a file or a folder), as artifact files under `prefix`. */
export async function collectIncludes(baseDir: string, rel: string): Promise<ArtifactFile[]> {
  const abs = path.resolve(baseDir, rel);
  if (path.relative(baseDir, abs).startsWith('..')) {
    throw new UserError(`includes entry '${rel}' points outside the handler's folder; list paths below ${baseDir}`);
  }
  let stat;
  try {
    stat = await fs.stat(abs);
  } catch {
    throw new UserError(`includes entry '${rel}' does not exist next to the handler (looked for ${abs}); fix the path or remove it`);
  }
  const out: ArtifactFile[] = [];
  await walk(abs, stat.isDirectory(), path.relative(baseDir, abs), out);
  return out;
}

async function walk(abs: string, isDir: boolean, rel: string, out: ArtifactFile[]): Promise<void> {
  if (!isDir) {
    const [data, stat] = await Promise.all([fs.readFile(abs), fs.stat(abs)]);
    out.push({ path: toPosix(rel), data, mode: stat.mode & 0o111 ? 0o755 : 0o644 });
    return;
  }
  const entries = await fs.readdir(abs, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name === '__pycache__' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    await walk(path.join(abs, entry.name), entry.isDirectory(), path.join(rel, entry.name), out);
  }
}

export async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
