// A plan of 10^10 calls is pulled as it runs: it starts, makes a few calls on the real local
// platform and cancels, and the heap stays bounded (a memory bound, not a speed figure).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { planExperiment } from '../../../../src/core/experiment/plan';
import { runExperiment } from '../../../../src/core/experiment/runner';
import { estimatePlanCost } from '../../../../src/core/experiment/budget';
import { readRun } from '../../../../src/core/results/store';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-huge-'));
const provider = new LocalProvider({ stateDir: path.join(work, 'local'), keepAliveMs: 60_000 });
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** Heap growth allowed: one iteration's payload order (10^6 runs) and the run's buffers, not 10^10 calls. */
const HEAP_BOUND_BYTES = 150 * 1024 * 1024;

test('10^10 planned calls: the run starts, records a few calls and cancels with the heap bounded', async () => {
  const spec = fixtureSpec('hello.js', 'hello');
  await provider.deploy(spec, await fixtureArtifact(spec));
  const registry = new ProviderRegistry();
  registry.register(provider);
  const parsed = parseExperiment('/w/huge.experiment.json', JSON.stringify({ function: 'hello', platform: 'local', runs: 1_000_000, iterations: 10_000, threads: 4, payloads: [{ name: 'a' }, { name: 'b' }], shufflePayloads: true }));
  assert.ok(parsed.spec, JSON.stringify(parsed.problems));
  assert.equal(planExperiment(parsed.spec).totals.calls, 1e10);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const controller = new AbortController();
  let seen = 0;
  const result = await runExperiment({
    spec: parsed.spec,
    providers: registry,
    runsDir: path.join(work, 'runs'),
    signal: controller.signal,
    onRecord: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (++seen === 20) controller.abort();
    },
  });
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  assert.equal(result.status, 'cancelled', result.problems.join('\n'));
  assert.equal(result.counts.planned, 1e10);
  const { info, records } = await readRun(result.runDir);
  assert.equal(info.counts.planned, 1e10);
  assert.ok(records.length >= 20 && records.length < 100, `${records.length} records`);
  assert.ok(peak - before < HEAP_BOUND_BYTES, `heap grew by ${Math.round((peak - before) / 1e6)} MB`);
});

test('the budget check prices 10^10 calls per memory setting without walking them', () => {
  const parsed = parseExperiment('/w/huge.experiment.json', JSON.stringify({ function: 'hello', platform: 'aws', runs: 1_000_000, iterations: 10_000, memorySettings: [128, 256], expectedDurationMs: 100 }));
  assert.ok(parsed.spec);
  const dep = { name: 'hello', platform: 'aws' as const, memoryMB: 128, timeoutS: 3, runtime: 'nodejs20.x', deployedAt: '', codeHash: '' };
  const before = process.memoryUsage().heapUsed;
  const cost = estimatePlanCost(planExperiment(parsed.spec), new Map([['aws', dep as never]]));
  assert.equal(cost.calls, 2e10);
  assert.deepEqual(cost.lines.map((l) => [l.memoryMB, l.calls]), [[128, 1e10], [256, 1e10]]);
  assert.ok(process.memoryUsage().heapUsed - before < HEAP_BOUND_BYTES);
});
