// Which node and python3 the local platform runs instances with, and whether they work.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import type { Readiness } from '../../core/model';

export interface Runtimes {
  node: string;
  python: string;
  /** Env the node executable needs: Electron (VS Code's own binary) only acts as Node when told to. */
  nodeEnv: NodeJS.ProcessEnv;
}

/**
 * An explicit path wins. Otherwise the Node running FaaS Lab (the CLI's node) is used; inside
 * VS Code that binary is Electron, so `node` on PATH is preferred there, and Electron run as
 * Node is the fallback that always exists.
 */
export function resolveRuntimes(nodePath: string | undefined, pythonPath: string | undefined): Runtimes {
  const python = pythonPath || 'python3';
  if (nodePath) return { node: nodePath, python, nodeEnv: {} };
  if (!process.versions.electron) return { node: process.execPath, python, nodeEnv: {} };
  const onPath = findOnPath(process.platform === 'win32' ? 'node.exe' : 'node');
  return onPath ? { node: onPath, python, nodeEnv: {} } : { node: process.execPath, python, nodeEnv: { ELECTRON_RUN_AS_NODE: '1' } };
}

export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Runs `command args` and returns its trimmed stdout, or undefined if it cannot run. */
function probe(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000, env: { ...process.env, ...env } }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

export async function checkRuntimes(r: Runtimes): Promise<Readiness> {
  const [node, python] = await Promise.all([
    probe(r.node, ['-p', 'process.versions.node'], r.nodeEnv),
    probe(r.python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], {}),
  ]);
  if (!node) {
    return {
      ready: false,
      message: `Local functions need Node.js, and '${r.node}' could not be run: install Node.js 20 or later, or set faasLab.local.nodePath to a node executable.`,
      fixes: [
        { kind: 'setting', setting: 'faasLab.local.nodePath', label: 'Set Node.js path' },
        { kind: 'url', url: 'https://nodejs.org/en/download', label: 'Install Node.js' },
      ],
    };
  }
  const [major, minor] = (python ?? '').split('.').map(Number);
  const pythonNote = !python
    ? `; Python handlers need python3 on PATH ('${r.python}' could not be run): install Python 3.9+ or set faasLab.local.pythonPath`
    : major < 3 || (major === 3 && minor < 9)
      ? `; Python ${python} is too old for Python handlers: install Python 3.9+ or set faasLab.local.pythonPath`
      : `, Python ${python}`;
  return { ready: true, detail: `Node.js ${node}${pythonNote}` };
}
