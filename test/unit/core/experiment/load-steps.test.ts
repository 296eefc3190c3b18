// Load sweeps, idle probes and weighted payloads: what the file says, where a mistake is, and the calls planned.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { planExperiment, weightedCounts } from '../../../../src/core/experiment/plan';
import type { ExperimentSpec } from '../../../../src/core/experiment/spec';
import { FILE, expectError, only, rangeOf } from './parse-helpers';
import { iterationsOf } from './planned';

function spec(doc: Record<string, unknown>): ExperimentSpec {
  const r = parseExperiment(FILE, JSON.stringify({ function: 'f', ...doc }));
  assert.ok(r.spec, JSON.stringify(r.problems));
  return r.spec;
}

test('threads, rate.rps and burst lists plan a step per value, in order, each with every iteration', () => {
  const closed = spec({ runs: 8, threads: [1, 2, 4], iterations: 2 });
  assert.deepEqual(closed.steps, { loads: [1, 2, 4], pauseS: 0 });
  const its = iterationsOf(planExperiment(closed));
  assert.deepEqual(its.map((it) => [it.step, it.stepLoad, it.iteration]), [[0, 1, 0], [0, 1, 1], [1, 2, 0], [1, 2, 1], [2, 4, 0], [2, 4, 1]]);
  assert.deepEqual(its.map((it) => new Set(it.calls.map((c) => c.thread)).size), [1, 1, 2, 2, 4, 4]);
  assert.equal(planExperiment(closed).totals.calls, 3 * 2 * 8);
  assert.deepEqual(its.flatMap((it) => it.calls.map((c) => c.seq)), Array.from({ length: 48 }, (_, i) => i));

  const open = iterationsOf(planExperiment(spec({ mode: 'open', rate: { rps: [10, 20] }, runs: 4 })));
  assert.deepEqual(open.map((it) => [it.stepLoad, it.rps]), [[10, 10], [20, 20]]);
  assert.deepEqual(open[1].calls.map((c) => c.atMs), [0, 50, 100, 150]);

  const burst = planExperiment(spec({ mode: 'burst', burst: [1, 2, 4, 8] }));
  assert.deepEqual(iterationsOf(burst).map((it) => it.calls.length), [1, 2, 4, 8]);
  assert.equal(burst.totals.calls, 15);
});

test('"steps" grows the load from "from" up to "to" by factor or add, with stepPauseS between', () => {
  assert.deepEqual(spec({ mode: 'burst', steps: { from: 1, to: 64, factor: 2 }, stepPauseS: 10 }).steps, { loads: [1, 2, 4, 8, 16, 32, 64], pauseS: 10 });
  assert.deepEqual(spec({ mode: 'open', runs: 5, steps: { from: 5, to: 20, add: 5 } }).steps?.loads, [5, 10, 15, 20]);
  assert.deepEqual(spec({ runs: 10, steps: { from: 2, to: 10 } }).steps?.loads, [2, 4, 8]);
});

test('load steps: mistakes are pointed at', () => {
  expectError('{"function": "f", "runs": 4, "threads": [2, 8]}', '8', 'threads[1]: 8 is more than runs (4); a thread with no call to make would sit idle, so use at most 4 or raise runs');
  expectError('{"function": "f", "runs": 4, "threads": []}', '[]', /^threads: empty list/);
  expectError('{"function": "f", "mode": "burst", "steps": {"from": 8, "to": 2}}', '2', 'steps.to: 2 is below steps.from (8); the load grows from "from" to "to"');
  expectError('{"function": "f", "mode": "burst", "steps": {"from": 1, "to": 8, "factor": 2, "add": 1}}', '"add"', /^steps: use either "factor"/);
  expectError('{"function": "f", "mode": "burst", "steps": {"from": 1, "to": 8, "factr": 2}}', '"factr"', 'steps.factr: unknown key; did you mean "factor"?');
  expectError('{"function": "f", "mode": "burst", "burst": [1, 2], "steps": {"from": 1, "to": 8}}', '"steps"', /^steps: burst is already a list/);
  expectError('{"function": "f", "runs": 16, "steps": {"from": 1, "to": 64}}', '{"from": 1, "to": 64}', /^steps: up to 64 threads, more than runs \(16\)/);
  expectError('{"function": "f", "mode": "burst", "runs": 5, "burst": 5}', '"burst"', /^burst: in burst mode "burst" is the calls released at once/, 1);
  const text = '{"function": "f", "runs": 4, "stepPauseS": 3}';
  const w = only(parseExperiment(FILE, text).problems, 'warning');
  assert.match(w.message, /^stepPauseS: the pause between load steps; there are none/);
  assert.deepEqual(w.range, rangeOf(text, '"stepPauseS"'));
});

test('idle: fixed times plan prime/probe pairs per time; search plans nothing up front', () => {
  const s = spec({ idle: { times: [1, 5], repeat: 2 }, memorySettings: [128, 256] });
  assert.deepEqual(s.idle, { timesS: [1, 5], repeat: 2 });
  const plan = planExperiment(s);
  assert.equal(plan.totals.calls, 2 * 2 * 2 * 2);
  const its = iterationsOf(plan);
  assert.deepEqual(its.map((it) => [it.memoryMB, it.idleMs]), [[128, 1000], [128, 5000], [256, 1000], [256, 5000]]);
  assert.deepEqual(its[0].calls.map((c) => c.idleRole), ['prime', 'probe', 'prime', 'probe']);
  const search = spec({ idle: { search: { fromS: 0.5, maxS: 60, precisionS: 0.5 }, repeat: 3 } });
  assert.deepEqual(search.idle, { search: { fromS: 0.5, maxS: 60, precisionS: 0.5 }, repeat: 3 });
  assert.equal(planExperiment(search).totals.calls, 0);
});

test('idle: mistakes are pointed at, and the load keys it does not use are flagged', () => {
  expectError('{"function": "f", "idle": {"repeat": 2}}', '{"repeat": 2}', /^idle: give either "times"/);
  expectError('{"function": "f", "idle": {"times": [1], "search": {"maxS": 9}}}', '"search"', /^idle: give either "times"/);
  expectError('{"function": "f", "idle": {"search": {"fromS": 10, "maxS": 5}}}', '5', 'idle.search.maxS: 5 s is below fromS (10 s); the search doubles from fromS up to maxS');
  expectError('{"function": "f", "idle": {"search": {"fromS": 1}}}', '{"fromS": 1}', /^idle.search.maxS: missing/);
  expectError('{"function": "f", "idle": {"times": [-1]}}', '-1', /^idle.times\[0\]: -1 is below the minimum 0 s/);
  const text = '{"function": "f", "iterations": 3, "idle": {"times": [1]}}';
  const w = only(parseExperiment(FILE, text).problems, 'warning');
  assert.match(w.message, /^iterations: not used with "idle"/);
  assert.deepEqual(w.range, rangeOf(text, '"iterations"'));
});

test('weightedPayloads: each payload gets calls in proportion to its weight, spread over the iteration', () => {
  const s = spec({ runs: 12, threads: 3, weightedPayloads: true, payloads: [{ payload: { n: 1 }, weight: 5 }, { payload: { n: 2 }, weight: 1 }], parentPayload: { p: 0 } });
  assert.deepEqual(s.payloads, [{ n: 1 }, { n: 2 }]);
  assert.deepEqual(s.payloadWeights, [5, 1]);
  const plan = planExperiment(s);
  assert.deepEqual(plan.payloads, [{ p: 0, n: 1 }, { p: 0, n: 2 }]);
  const order = iterationsOf(plan)[0].calls.map((c) => c.payloadIndex);
  assert.deepEqual([order.filter((p) => p === 0).length, order.filter((p) => p === 1).length], [10, 2]);
  // Spread: every thread's block of 4 calls is not all one payload's.
  assert.ok(order.indexOf(1) > 0 && order.indexOf(1) < 6, order.join(','));
  assert.deepEqual(weightedCounts(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(weightedCounts(7, [3, 1]), [5, 2]);
});

test('weightedPayloads: entries must be {payload, weight}; power tuning entries without the flag are flagged', () => {
  expectError('{"function": "f", "weightedPayloads": true, "payloads": [{"payload": {}}]}', '{"payload": {}}', /^payloads\[0\]: with "weightedPayloads": true each entry is \{"payload": \.\.\., "weight": n\}; add the missing "weight"/);
  expectError('{"function": "f", "weightedPayloads": true, "payloads": [{"payload": {}, "weight": 0}]}', '0', /^payloads\[0\]\.weight: 0 must be above 0/);
  const text = '{"function": "f", "payloads": [{"payload": {}, "weight": 2}]}';
  const r = parseExperiment(FILE, text);
  assert.ok(r.spec);
  assert.deepEqual(r.spec.payloads, [{ payload: {}, weight: 2 }]);
  assert.match(only(r.problems, 'warning').message, /add "weightedPayloads": true/);
});
