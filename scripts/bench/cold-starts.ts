// 200 cold starts at once on the local platform: how long the event loop of the process that runs
// the platform stalls (spawn queue on, and off as the baseline), how long until all 200 have
// answered beside 200 bare children of the same shim, and what a side `faas-lab runs` takes meanwhile.
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { deployIfChanged } from '../../src/core/functions/deploy';
import { resolveFunctionRef } from '../../src/core/functions/find';
import type { Deployment } from '../../src/core/model';
import { LocalProvider } from '../../src/providers/local';
import { resolveRuntimes } from '../../src/providers/local/executables';
import { launchFor } from '../../src/providers/local/launch';
import { SPAWNS_PER_TURN, defaultMaxStarting, type SpawnQueueOptions } from '../../src/providers/local/spawn-queue';
import { LocalState } from '../../src/providers/local/state';
import { onLines } from '../../src/providers/shared/lines';
import { fmt } from './stats';

const STARTS = 200;
const SLEEP_MS = 100;

interface Figures {
  allAnsweredMs: number;
  delayP99Ms: number;
  delayMaxMs: number;
  sideRunsMs: number | undefined;
}

export async function benchColdStarts(repo: string): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-cold-'));
  cpSync(path.join(repo, 'examples'), path.join(root, 'examples'), { recursive: true });
  const cli = path.join(repo, 'dist/cli.js');
  const side = existsSync(cli) ? () => sideRuns(cli, root) : undefined;
  try {
    const idleRuns = side ? await side() : undefined;
    const queued = await coldStarts(root, 'queued', {}, side);
    const unqueued = await coldStarts(root, 'unqueued', { perTurn: Infinity, maxStarting: Infinity }, side);
    const bare = await bareChildren(root, side);
    const line = (label: string, f: Figures) =>
      `  ${label} all answered ${fmt(f.allAnsweredMs)} (×${(f.allAnsweredMs / bare.allAnsweredMs).toFixed(2)} of bare) · event-loop delay p99 ${fmt(f.delayP99Ms)} max ${fmt(f.delayMaxMs)}` +
      (f.sideRunsMs === undefined ? '' : ` · side \`faas-lab runs\` ${fmt(f.sideRunsMs)}`);
    return [
      `local cold starts: ${STARTS} concurrent calls of a ${SLEEP_MS} ms sleeper (examples/sleeper.ts), each a new instance`,
      line(`spawn queue (${SPAWNS_PER_TURN}/turn, ${defaultMaxStarting()} loading)`, queued),
      line('no queue (all in one turn)     ', unqueued),
      line('200 bare shim children        ', bare),
      `  side \`faas-lab runs\` idle ${idleRuns === undefined ? 'skipped (dist/cli.js missing: npm run build)' : fmt(idleRuns)}`,
      '  targets: event-loop delay p99 < 50 ms; all answered ≤ 1.2× bare',
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Wall time of `faas-lab runs` in a side process, as this process sees it end. */
function sideRuns(cli: string, root: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'runs', '--root', root], (err) => (err ? reject(err) : resolve(performance.now() - started)));
  });
}

/** Measures `work` with the event-loop delay histogram on, and a side `faas-lab runs` started with it. */
async function measured(work: () => Promise<void>, side: (() => Promise<number>) | undefined): Promise<Figures> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const done = work();
  const sideRunsMs = side ? await side() : undefined;
  await done;
  const allAnsweredMs = performance.now() - started;
  delay.disable();
  return { allAnsweredMs, delayP99Ms: delay.percentile(99) / 1e6, delayMaxMs: delay.max / 1e6, sideRunsMs };
}

async function deploySleeper(root: string, provider: LocalProvider): Promise<Deployment> {
  const spec = await resolveFunctionRef(path.join(root, 'examples/sleeper.ts'));
  return (await deployIfChanged(spec, provider)).deployment;
}

async function coldStarts(root: string, label: string, spawns: SpawnQueueOptions, side: (() => Promise<number>) | undefined): Promise<Figures> {
  const stateDir = path.join(root, '.faaslab', `local-${label}`);
  const provider = new LocalProvider({ stateDir, cpuScaling: false, maxConcurrency: STARTS, spawns });
  try {
    const d = await deploySleeper(root, provider);
    return await measured(async () => {
      const calls = await Promise.all(Array.from({ length: STARTS }, () => provider.invoke(d, { ms: SLEEP_MS })));
      const bad = calls.find((c) => c.status !== 'ok' || !c.cold);
      if (bad) throw new Error(`cold start bench: a call ended ${bad.status} (cold ${bad.cold}): ${bad.error?.message}`);
    }, side);
  } finally {
    await provider.dispose();
  }
}

/**
 * The same shim and handler spawned directly (no FaaS Lab, no private /tmp), each called once over
 * fd 3. Detached as instances are: with the kernel's autogroup scheduling, 200 children in this
 * process's session would share one session's CPU share, and be slower for it.
 */
async function bareChildren(root: string, side: (() => Promise<number>) | undefined): Promise<Figures> {
  const stateDir = path.join(root, '.faaslab', 'local-bare');
  const provider = new LocalProvider({ stateDir, cpuScaling: false });
  const d = await deploySleeper(root, provider);
  await provider.dispose();
  const launch = launchFor((await new LocalState(stateDir).read(d.name))!, resolveRuntimes(undefined, undefined));
  const children: ReturnType<typeof spawn>[] = [];
  try {
    return await measured(async () => {
      const one = () =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true });
          children.push(child);
          const channel = child.stdio[3] as Socket;
          // Killed at the end of the measurement: its channel resets.
          channel.on('error', () => undefined);
          child.once('exit', (code) => reject(new Error(`a bare shim child exited with ${code}`)));
          onLines(channel, (line) => {
            const msg = JSON.parse(line) as { ready?: true; id?: number };
            if (msg.ready) channel.write(JSON.stringify({ id: 1, deadlineMs: Date.now() + 60_000, payload: { ms: SLEEP_MS } }) + '\n');
            else if (msg.id === 1) resolve();
          });
        });
      await Promise.all(Array.from({ length: STARTS }, one));
    }, side);
  } finally {
    for (const c of children) {
      c.removeAllListeners('exit');
      c.kill('SIGKILL');
    }
  }
}
