// Running `python -m pip install` for a platform that installs a function's Python requirements
// itself (the local cache, Lambda zips): pip's own settings (PIP_INDEX_URL, PIP_FIND_LINKS,
// pip.conf) apply, and a failure shows pip's last lines with what to do.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../core/model';

/** pip's flags that keep it from prompting or nagging about its own version. */
export const PIP_QUIET = ['--disable-pip-version-check', '--no-input'];

/** How many of pip's last output lines a failure message shows. */
const TAIL_LINES = 6;

export interface PipInstall {
  python: string;
  requirements: string[];
  /** pip's arguments (after `python`), given the requirements file it reads. */
  args: (requirementsFile: string) => string[];
  /** What is being installed, e.g. "Installing hello's requirements (requests) for Lambda". */
  what: string;
  /** What to do when it fails, after pip's lines. */
  advice: string;
  signal?: AbortSignal;
}

/** Runs pip on a requirements file written for it; throws a UserError with pip's last lines when it fails. */
export async function pipInstall(o: PipInstall): Promise<void> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'faaslab-pip-'));
  try {
    const requirementsFile = path.join(dir, 'requirements.txt');
    await fs.writeFile(requirementsFile, o.requirements.join('\n') + '\n');
    const result = await run(o.python, o.args(requirementsFile), o.signal);
    o.signal?.throwIfAborted();
    if (result.code !== 0) {
      const tail = result.output.trim().split('\n').slice(-TAIL_LINES).join('\n');
      const reason = result.code === undefined ? `could not start (${result.error})` : `exited with ${result.code}`;
      throw new UserError(`${o.what} failed: pip ${reason}.\n${tail}\n${o.advice}`);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], signal?: AbortSignal): Promise<{ code?: number; error?: string; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (err) => resolve({ error: err.message, output }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}
