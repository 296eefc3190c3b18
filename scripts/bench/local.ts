import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deployIfChanged } from '../../src/core/functions/deploy';
import { resolveFunctionRef } from '../../src/core/functions/find';
import type { Deployment, Provider } from '../../src/core/model';
import { LocalProvider } from '../../src/providers/local';
import { fmt, percentile } from './stats';

const WARM_CALLS = 500;
const COLD_CALLS = 15;

/** Local platform: warm overhead (round trip − handler runtime) and cold start, Node and Python. */
export async function benchLocal(examples: string): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-local-'));
  cpSync(examples, path.join(root, 'examples'), { recursive: true });
  const provider = new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local') });
  const lines: string[] = [];
  try {
    for (const [label, ref] of [['Node', 'examples/hello.js'], ['Python', 'examples/hello.py']] as const) {
      const spec = await resolveFunctionRef(path.join(root, ref));
      const { deployment } = await deployIfChanged(spec, provider);
      const cold = await coldStarts(provider, deployment);
      const warm = await warmOverheads(provider, deployment);
      lines.push(
        `local ${label.padEnd(6)} warm overhead p50 ${fmt(percentile(warm.overhead, 50))} · p99 ${fmt(percentile(warm.overhead, 99))} · warm round trip p50 ${fmt(percentile(warm.roundTrip, 50))} (n=${WARM_CALLS})`,
        `local ${label.padEnd(6)} cold start round trip p50 ${fmt(percentile(cold.roundTrip, 50))} · init p50 ${fmt(percentile(cold.init, 50))} (n=${COLD_CALLS})`,
      );
    }
  } finally {
    await provider.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  return lines;
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
  for (let i = 0; i < WARM_CALLS; i++) {
    const inv = await provider.invoke(d, { name: 'bench' });
    if (inv.status !== 'ok' || inv.metrics.runtime === undefined) throw new Error(`warm call failed: ${inv.status} ${inv.error?.message}`);
    roundTrip.push(inv.roundTripMs);
    overhead.push(inv.roundTripMs - inv.metrics.runtime);
  }
  return { overhead, roundTrip };
}
