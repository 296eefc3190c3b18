// The examples for load steps, the time to a cold start and power tuning's weighted payloads, run
// as files on the real local platform (keep-alive 2 s, as time-to-cold.experiment.json documents).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runExperimentFile } from '../../../../src/core/experiment/run-file';
import { readRun } from '../../../../src/core/results/store';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const KEEP_ALIVE_S = 2;
const work = mkdtempSync(path.join(tmpdir(), 'faaslab-examples-'));
const provider = new LocalProvider({ stateDir: path.join(work, 'local'), keepAliveMs: KEEP_ALIVE_S * 1000, cpuScaling: false });
const providers = new ProviderRegistry();
providers.register(provider);
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

function run(name: string) {
  return runExperimentFile({ file: path.join(EXAMPLES, name), providers, runsDir: path.join(work, 'runs') });
}

test('examples/load-steps: bursts of 1, 2, 4, 8 and 16 calls, two iterations each, summarised per step', async () => {
  const result = await run('load-steps.experiment.json');
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const { records } = await readRun(result.runDir);
  assert.equal(records.length, 2 * (1 + 2 + 4 + 8 + 16));
  for (const [step, load] of [1, 2, 4, 8, 16].entries()) {
    assert.equal(records.filter((r) => r.step === step && r.stepLoad === load).length, 2 * load);
  }
  assert.deepEqual(result.summary.groups.map((g) => g.key.stepLoad), [1, 2, 4, 8, 16]);
});

test('examples/time-to-cold: the search estimates the local keep-alive within its precision', async () => {
  const result = await run('time-to-cold.experiment.json');
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const [found] = result.summary.run.idleSearch ?? [];
  assert.ok(found?.estimateS !== undefined, JSON.stringify(result.summary.run));
  assert.ok(Math.abs(found.estimateS - KEEP_ALIVE_S) <= 0.25, `estimate ${found.estimateS} s`);
});

test('examples/power-tuning: each size sends the payloads 5:1 and reports a weighted trade-off', async () => {
  const result = await run('power-tuning.experiment.json');
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const { records } = await readRun(result.runDir);
  for (const mb of [128, 256, 512]) {
    const at = records.filter((r) => r.memoryMB === mb);
    assert.deepEqual([at.filter((r) => r.payloadIndex === 0).length, at.filter((r) => r.payloadIndex === 1).length], [10, 2]);
  }
  assert.deepEqual(result.summary.byMemory.map((p) => p.memoryMB), [128, 256, 512]);
  assert.ok(result.summary.byMemory.every((p) => p.payloads === 2 && p.p50RuntimeMs !== undefined));
});

test('examples/thread-sweep, open-rates, burst-sizes: a load step per listed value, each run whole', async () => {
  const threads = await run('thread-sweep.experiment.json');
  assert.equal(threads.status, 'completed', threads.problems.join('\n'));
  const t = (await readRun(threads.runDir)).records;
  assert.deepEqual([1, 2, 4].map((load) => t.filter((r) => r.stepLoad === load).length), [16, 16, 16], '8 runs × 2 iterations per thread count');
  assert.deepEqual(new Set(t.filter((r) => r.stepLoad === 4).map((r) => r.thread)), new Set([0, 1, 2, 3]));
  const rates = await run('open-rates.experiment.json');
  assert.equal(rates.status, 'completed', rates.problems.join('\n'));
  assert.deepEqual([5, 10, 20].map((load) => rates.summary.groups.filter((g) => g.key.stepLoad === load).reduce((n, g) => n + g.n, 0)), [10, 10, 10]);
  const bursts = await run('burst-sizes.experiment.json');
  assert.equal(bursts.status, 'completed', bursts.problems.join('\n'));
  const b = (await readRun(bursts.runDir)).records;
  assert.deepEqual([2, 4, 8].map((load) => b.filter((r) => r.stepLoad === load).length), [4, 8, 16]);
});

test('examples/idle-times: two probes after each idle time; past the 2 s keep-alive they are cold', async () => {
  const result = await run('idle-times.experiment.json');
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const probes = (await readRun(result.runDir)).records.filter((r) => r.idleRole === 'probe');
  assert.deepEqual(probes.map((p) => [p.idleMs, p.cold]), [[500, false], [500, false], [3000, true], [3000, true]]);
});

test('examples/power-tuning: the balanced strategy with its weight is the one recommended on', async () => {
  const result = await run('power-tuning.experiment.json');
  const [rec] = result.summary.analyses.recommendations;
  assert.ok(rec, 'a recommendation for a run at three sizes');
  assert.deepEqual([rec.strategy, rec.balancedWeight, rec.strategyFromSpec, rec.payloadWeights], ['balanced', 0.7, true, [5, 1]]);
});
