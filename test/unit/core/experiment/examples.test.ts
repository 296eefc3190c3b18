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
