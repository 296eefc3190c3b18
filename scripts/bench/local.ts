import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deployIfChanged } from '../../src/core/functions/deploy';
import { resolveFunctionRef } from '../../src/core/functions/find';
import type { Deployment, Provider } from '../../src/core/model';
import { LocalProvider } from '../../src/providers/local';
import { MemoryWatch } from '../../src/providers/local/memory-watch';
import { fmt, percentile } from './stats';

const WARM_CALLS = 500;
const COLD_CALLS = 15;
const CPU_CALLS = 5;
/** examples/cpu.js rounds for a CPU-bound call of some 40 ms at full speed: several 100 ms periods at 128 MB. */
const CPU_CALCS = 2_000_000;

/**
 * Local platform: warm overhead (round trip − handler runtime) and cold start, Node and Python;
 * and how much longer a CPU-bound call takes at 128 MB than at one full core (CPU scaling), on and off.
 */
export async function benchLocal(examples: string): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-local-'));
  cpSync(examples, path.join(root, 'examples'), { recursive: true });
  // The platform's own overhead: at 128 MB, back-to-back calls would also meet the CPU quota.
  const provider = new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local'), cpuScaling: false });
  const scaled = new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local-scaled') });
  const lines: string[] = [];
  try {
    for (const [label, ref] of [['Node', 'examples/hello.js'], ['Python', 'examples/hello.py']] as const) {
      const spec = await resolveFunctionRef(path.join(root, ref));
      const { deployment } = await deployIfChanged(spec, provider);
      const cold = await coldStarts(provider, deployment);
      const warm = await warmOverheads(provider, deployment);
      lines.push(
        `local ${label.padEnd(6)} warm overhead p50 ${fmt(percentile(warm.overhead, 50))} · p99 ${fmt(percentile(warm.overhead, 99))} · warm round trip p50 ${fmt(percentile(warm.roundTrip, 50))} · call to call p50 ${fmt(percentile(warm.wall, 50))} (n=${WARM_CALLS})`,
        `local ${label.padEnd(6)} cold start round trip p50 ${fmt(percentile(cold.roundTrip, 50))} · init p50 ${fmt(percentile(cold.init, 50))} (n=${COLD_CALLS})`,
      );
    }
    const cpu = await cpuScaling(scaled, path.join(root, 'examples/cpu.js'));
    const unscaled = await cpuScaling(provider, path.join(root, 'examples/cpu.js'));
    lines.push(
      `local CPU scaling: CPU-bound call 128 MB vs 1769 MB runtime ×${cpu.runtimeRatio.toFixed(1)} (expected ×${(1769 / 128).toFixed(1)}) · ` +
        `its CPU time ×${cpu.cpuRatio.toFixed(2)} · CPU share at 128 MB ${cpu.share.toFixed(3)} of a core (expected ${(128 / 1769).toFixed(3)}; n=${CPU_CALLS}) · ` +
        `with faasLab.local.cpuScaling off runtime ×${unscaled.runtimeRatio.toFixed(2)} (expected ×1)`,
    );
    if (process.platform === 'linux') lines.push(await memoryPolling());
  } finally {
    await Promise.all([provider.dispose(), scaled.dispose()]);
    rmSync(root, { recursive: true, force: true });
  }
  return lines;
}

/** Runtime and process CPU time of CPU-bound calls at 128 MB over those at 1769 MB, and the CPU share at 128 MB. */
async function cpuScaling(provider: Provider, file: string) {
  const spec = await resolveFunctionRef(file);
  // Summed over calls: a throttled call's runtime moves in steps of a period.
  const totals = async (memoryMB: number) => {
    const { deployment } = await deployIfChanged({ ...spec, name: `calcs-${memoryMB}`, memoryMB }, provider);
    await provider.invoke(deployment, { calcs: CPU_CALCS }); // cold start and JIT
    let runtime = 0;
    let cpu = 0;
    for (let i = 0; i < CPU_CALLS; i++) {
      const inv = await provider.invoke(deployment, { calcs: CPU_CALCS });
      const m = inv.metrics;
      if (inv.status !== 'ok' || m.runtime === undefined) throw new Error(`CPU-bound call failed: ${inv.status} ${inv.error?.message}`);
      runtime += m.runtime;
      cpu += (m.processCpuUserMs ?? NaN) + (m.processCpuKernelMs ?? NaN);
    }
    return { runtime, cpu };
  };
  const small = await totals(128);
  const full = await totals(1769);
  return { runtimeRatio: small.runtime / full.runtime, cpuRatio: small.cpu / full.cpu, share: small.cpu / small.runtime };
}

async function coldStarts(provider: Provider, d: Deployment) {
  const roundTrip: number[] = [];
  const init: number[] = [];
  for (let i = 0; i < COLD_CALLS; i++) {
    await provider.recycle(d);
    const inv = await provider.invoke(d, { name: 'bench' });
    if (inv.status !== 'ok' || !inv.cold) throw new Error(`expected a cold ok call, got ${inv.status} cold=${inv.cold}: ${inv.error?.message}`);
    roundTrip.push(inv.roundTripMs);
    if (inv.metrics.initDurationMs !== undefined) init.push(inv.metrics.initDurationMs);
  }
  return { roundTrip, init };
}

async function warmOverheads(provider: Provider, d: Deployment) {
  await provider.invoke(d, { name: 'warm-up' });
  const overhead: number[] = [];
  const roundTrip: number[] = [];
  // The round trip is timed at the answer; invoke() also waits for the call's output to end.
  const wall: number[] = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const started = performance.now();
    const inv = await provider.invoke(d, { name: 'bench' });
    wall.push(performance.now() - started);
    if (inv.status !== 'ok' || inv.metrics.runtime === undefined) throw new Error(`warm call failed: ${inv.status} ${inv.error?.message}`);
    roundTrip.push(inv.roundTripMs);
    overhead.push(inv.roundTripMs - inv.metrics.runtime);
  }
  return { overhead, roundTrip, wall };
}

const WATCHED = 200;
const WATCH_MS = 3_000;

/** The memory watch's /proc reads per second and main-thread CPU with 200 busy instances (sleep processes), beside the old 25 ms status-file poll. */
async function memoryPolling(): Promise<string> {
  const sleepers = Array.from({ length: WATCHED }, () => spawn('sleep', ['30'], { stdio: 'ignore' }));
  try {
    const measure = async (start: () => { stop: () => void; reads: () => number }) => {
      const cpu = process.cpuUsage();
      const run = start();
      await new Promise((r) => setTimeout(r, WATCH_MS));
      run.stop();
      const used = process.cpuUsage(cpu);
      return { readsPerS: (run.reads() * 1000) / WATCH_MS, cpuShare: (used.user + used.system) / 1000 / WATCH_MS };
    };
    const now = await measure(() => {
      const watch = new MemoryWatch();
      const unwatch = sleepers.map((c) => watch.watch({ pid: c.pid }, 1_000_000, () => undefined));
      return { stop: () => unwatch.forEach((u) => u()), reads: () => watch.reads };
    });
    // Baseline: what the watch did before (every 25 ms, /proc/<pid>/status and a RegExp per instance).
    const before = await measure(() => {
      let reads = 0;
      const timer = setInterval(() => {
        for (const c of sleepers) {
          reads += 1;
          new RegExp('^VmRSS:\\s+(\\d+)\\s+kB', 'm').exec(readFileSync(`/proc/${c.pid}/status`, 'latin1'));
        }
      }, 25);
      return { stop: () => clearInterval(timer), reads: () => reads };
    });
    return (
      `local memory watch, ${WATCHED} busy instances: ${now.readsPerS.toFixed(0)} /proc reads/s, ${(now.cpuShare * 100).toFixed(1)}% of a core ` +
      `(baseline 25 ms status poll: ${before.readsPerS.toFixed(0)} reads/s, ${(before.cpuShare * 100).toFixed(1)}%)`
    );
  } finally {
    for (const c of sleepers) c.kill('SIGKILL');
  }
}
