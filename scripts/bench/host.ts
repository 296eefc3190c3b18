import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deployIfChanged } from '../../src/core/functions/deploy';
import { resolveFunctionRef } from '../../src/core/functions/find';
import type { Provider } from '../../src/core/model';
import { LocalProvider } from '../../src/providers/local';
import { hostFiles, processAlive, readDiscovery } from '../../src/providers/local/host-discovery';
import { liveHost } from '../../src/providers/local/host-start';
import { RemoteLocalProvider } from '../../src/providers/local/remote';
import { fmt, percentile } from './stats';

const CLI_CALLS = 15;
const WARM_CALLS = 200;
const STARTS = 5;

/**
 * The local host: how long the built CLI's host takes to start (spawn to answering), a warm invoke
 * through it from a new `faas-lab invoke` process (end to end), and warm calls inside one process,
 * through the host and in-process.
 */
export async function benchHost(repo: string): Promise<string[]> {
  const cli = path.join(repo, 'dist/cli.js');
  if (!existsSync(cli)) return ['local host: skipped (dist/cli.js missing: npm run build)'];
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-host-'));
  cpSync(path.join(repo, 'examples'), path.join(root, 'examples'), { recursive: true });
  try {
    const starts: number[] = [];
    for (let i = 0; i < STARTS; i++) starts.push(await hostStartMs(cli, root));

    const env = { ...process.env, FAASLAB_LOCAL_HOST: 'auto' };
    const invoke = (ref: string) => execFileSync(process.execPath, [cli, 'invoke', ref, '--root', root, '--json'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    invoke(path.join(root, 'examples/hello.js')); // deploys, starts the host and the instance
    const endToEnd: number[] = [];
    for (let i = 0; i < CLI_CALLS; i++) {
      const started = performance.now();
      const inv = JSON.parse(invoke('hello')) as { cold?: boolean };
      endToEnd.push(performance.now() - started);
      if (inv.cold) throw new Error('a CLI invoke through the host was cold');
    }

    const remote = new RemoteLocalProvider({ root, idleSeconds: 60 });
    const local = new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local-in-process'), cpuScaling: false });
    const throughHost = await warmRoundTrips(remote, root);
    const inProcess = await warmRoundTrips(local, root);
    await local.dispose();
    return [
      `local host start (node dist/cli.js serve → answering) p50 ${fmt(percentile(starts, 50))} (n=${STARTS})`,
      `local host warm invoke from a new CLI process, end to end p50 ${fmt(percentile(endToEnd, 50))} · p90 ${fmt(percentile(endToEnd, 90))} (n=${CLI_CALLS})`,
      `local warm invoke inside one process: through the host p50 ${fmt(percentile(throughHost, 50))} · in-process p50 ${fmt(percentile(inProcess, 50))} (n=${WARM_CALLS})`,
    ];
  } finally {
    const found = readDiscovery(hostFiles(root).discovery);
    if (found && processAlive(found.pid)) process.kill(found.pid, 'SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
}

/** Spawn of `faas-lab serve` to its first answer; the host is stopped again. */
async function hostStartMs(cli: string, root: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--root', root], { stdio: 'ignore' });
  try {
    for (;;) {
      const found = readDiscovery(hostFiles(root).discovery);
      if (found?.pid === child.pid && (await liveHost(hostFiles(root).discovery))) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`faas-lab serve exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Client-side round trips of warm calls of examples/hello.js (one warm-up call first). */
async function warmRoundTrips(provider: Provider, root: string): Promise<number[]> {
  const { deployment } = await deployIfChanged(await resolveFunctionRef(path.join(root, 'examples/hello.js')), provider);
  await provider.invoke(deployment, {});
  const times: number[] = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const started = performance.now();
    await provider.invoke(deployment, { name: 'bench' });
    times.push(performance.now() - started);
  }
  return times;
}
