// Finding the workspace's local host, or starting it: a detached `faas-lab serve --root <root>`
// whose output goes to .faaslab/local/host.log. The starter's lock keeps two callers from starting
// two hosts; a discovery file whose host is gone (pid dead, connection refused) is replaced.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/model';
import { makeStateSubdir } from '../../core/state-dir';
import { hostFiles, processAlive, readDiscovery, tryLock, type HostDiscovery } from './host-discovery';
import { API_PREFIX, TOKEN_HEADER } from './host-wire';

/** How long a caller waits for a host to start (its own or another caller's). */
const START_TIMEOUT_MS = 30_000;

/** The workspace's live host, starting one when there is none. */
export async function connectHost(root: string, idleSeconds: number, signal?: AbortSignal): Promise<HostDiscovery> {
  const files = hostFiles(root);
  makeStateSubdir(files.dir);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    signal?.throwIfAborted();
    const live = await liveHost(files.discovery);
    if (live) return live;
    const release = tryLock(files.lock);
    if (release) {
      try {
        // Another caller may have finished starting one between the check and the lock.
        const started = (await liveHost(files.discovery)) ?? (await startHost(root, idleSeconds, deadline));
        if (started) return started;
      } finally {
        release();
      }
    } else {
      await sleep(50);
    }
    if (Date.now() > deadline) {
      throw new UserError(`The local host did not start within ${START_TIMEOUT_MS / 1000} s: see ${files.log}, or set faasLab.local.host to off to run functions inside this process`);
    }
  }
}

/** The host the discovery file names, if it answers with its token. */
export async function liveHost(file: string): Promise<HostDiscovery | undefined> {
  const found = readDiscovery(file);
  if (!found || !processAlive(found.pid)) return undefined;
  try {
    const res = await fetch(`http://127.0.0.1:${found.port}${API_PREFIX}ping`, { method: 'POST', headers: { [TOKEN_HEADER]: found.token }, body: '{}', signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { value?: { pid?: number } };
    return res.ok && body.value?.pid === found.pid ? found : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a host and waits for its discovery file; undefined when it exited (another host won). */
async function startHost(root: string, idleSeconds: number, deadline: number): Promise<HostDiscovery | undefined> {
  const files = hostFiles(root);
  const { command, args, cwd } = hostCommand();
  const log = openSync(files.log, 'a', 0o600);
  let exited = false;
  try {
    const child = spawn(command, [...args, 'serve', '--root', root, '--idle-seconds', String(idleSeconds)], {
      cwd,
      detached: true,
      stdio: ['ignore', log, log],
      // VS Code's executable is Electron: this makes it run the script as Node does.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    child.once('exit', () => (exited = true));
    child.once('error', () => (exited = true));
    child.unref();
    while (Date.now() < deadline) {
      const found = readDiscovery(files.discovery);
      if (found?.pid === child.pid) {
        const live = await liveHost(files.discovery);
        if (live) return live;
      }
      if (exited) return undefined;
      await sleep(25);
    }
  } finally {
    closeSync(log);
  }
  throw new UserError(`The local host did not start: ${lastLines(files.log)}\n(see ${files.log}, or set faasLab.local.host to off)`);
}

/**
 * The CLI script that serves a host: beside this bundle (dist/cli.js, also in the extension's dist),
 * or, running from the TypeScript sources (tests), src/cli/main.ts through tsx.
 */
function hostCommand(): { command: string; args: string[]; cwd: string } {
  const here = path.dirname(__filename);
  if (__filename.endsWith('.ts')) {
    const repo = path.resolve(here, '../../..');
    return { command: process.execPath, args: ['--import', 'tsx', path.join(repo, 'src/cli/main.ts')], cwd: repo };
  }
  for (const dir of [here, path.dirname(here)]) {
    const cli = path.join(dir, 'cli.js');
    if (existsSync(cli)) return { command: process.execPath, args: [cli], cwd: dir };
  }
  throw new UserError(`Cannot find FaaS Lab's cli.js near ${here} to start the local host: reinstall FaaS Lab, or set faasLab.local.host to off`);
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '(no log)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
