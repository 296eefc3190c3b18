// The workspace's `.faaslab/` folder, created the same way by every writer (local and Docker state,
// links, the local host's files, logs, runs): owner only, with a .gitignore so no repository takes
// what it holds (deployment.json has handler env values, logs what handlers print, links tokens).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const STATE_DIR_NAME = '.faaslab';

const GITIGNORE = '# FaaS Lab state: deployment.json files hold handler env values, links.json headers, logs what handlers print.\n*\n';

export function stateDirOf(root: string): string {
  return path.join(root, STATE_DIR_NAME);
}

/** Creates `<root>/.faaslab` (0700) and its .gitignore unless they are there; returns the folder. */
export function makeStateDir(root: string): string {
  const dir = stateDirOf(root);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': a .gitignore the user edited is theirs to keep.
    writeFileSync(path.join(dir, '.gitignore'), GITIGNORE, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return dir;
}

/**
 * Creates `dir` (0700, with its parents); when it lies in a `.faaslab/` folder, that folder is made
 * with makeStateDir first, so whichever writer comes first, the .gitignore is there.
 */
export function makeStateSubdir(dir: string): string {
  const parts = path.resolve(dir).split(path.sep);
  const at = parts.lastIndexOf(STATE_DIR_NAME);
  if (at > 0) makeStateDir(parts.slice(0, at).join(path.sep) || path.sep);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
