// Power tuning's weighted payloads in the summary: each payload's median counts by its weight.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { formatReport } from '../../../../src/core/results/report';
import { summarizeRun } from '../../../../src/core/results/summary';

function calls(memoryMB: number, payloadIndex: number, runtimes: number[]): InvocationRecord[] {
  return runtimes.map((runtime, i) => ({
    runId: 'r',
    experiment: 'e',
    function: 'f',
    platform: 'local',
    memoryMB,
    iteration: 0,
    thread: 0,
    seq: memoryMB * 100 + payloadIndex * 10 + i,
    payloadIndex,
    warmup: false,
    clientStart: 0,
    clientEnd: runtime + 1,
    roundTripMs: runtime + 1,
    runtime,
    status: 'ok',
    retries: 0,
  }));
}

test('the memory trade-off weighs each payload\'s median by its weight', () => {
  const records = [...calls(128, 0, [10, 10]), ...calls(128, 1, [100, 100]), ...calls(256, 0, [20, 20]), ...calls(256, 1, [40, 40])];
  const info = { runId: 'r', experiment: 'e' };
  // Equal weights: 128 MB (10 + 100) / 2 = 55 is slower than 256 MB (20 + 40) / 2 = 30.
  const plain = summarizeRun(info, records);
  assert.deepEqual(plain.byMemory.map((p) => p.p50RuntimeMs), [55, 30]);
  // Weights 9:1: 128 MB (9 × 10 + 100) / 10 = 19 beats 256 MB (9 × 20 + 40) / 10 = 22.
  const weighted = summarizeRun({ ...info, spec: { payloadWeights: [9, 1] } }, records);
  assert.deepEqual(weighted.byMemory.map((p) => p.p50RuntimeMs), [19, 22]);
  assert.equal(weighted.tradeOffs[0].fastest?.memoryMB, 128);
  assert.equal(plain.tradeOffs[0].fastest?.memoryMB, 256);
});

test('the report says what the trade-off and the recommendation computed: payload medians or means, and their weights', () => {
  const records = [...calls(128, 0, [10, 10]), ...calls(128, 1, [100, 100]), ...calls(256, 0, [20, 20]), ...calls(256, 1, [40, 40])];
  const info = { runId: 'r', experiment: 'e' };
  const weighted = formatReport(summarizeRun({ ...info, spec: { payloadWeights: [9, 1] } }, records));
  assert.match(weighted, /p50 runtime here is the mean of the 2 payloads' median runtimes, weighted 9:1 by payload weight/);
  assert.match(weighted, /Recommended memory .*the mean of the 2 payloads' means, weighted 9:1 by payload weight\)/);
  const plain = formatReport(summarizeRun(info, records));
  assert.match(plain, /p50 runtime here is the mean of the 2 payloads' median runtimes(;|\n|$)/m);
  assert.doesNotMatch(plain, /weighted/);
});
