import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdleCold, wilson } from '../../../../../src/core/results/idle-cold';
import { createLoadSteps } from '../../../../../src/core/results/load-steps';
import { normalQuantile, percentileCi } from '../../../../../src/core/results/quantile-ci';
import { feed, record } from './make-record';

test('load steps: p50/p95 of ok round trips and the cold share per step, in step order', () => {
  const records = [
    ...[10, 20, 30, 40, 50].map((rt, i) => record({ step: 1, stepLoad: 4, roundTripMs: rt, cold: i === 0 })),
    record({ step: 1, stepLoad: 4, status: 'error', roundTripMs: 999 }),
    ...[100, 200].map((rt) => record({ step: 0, stepLoad: 2, roundTripMs: rt, cold: true })),
    record({ roundTripMs: 5 }),
  ];
  const steps = feed(createLoadSteps(), records)!;
  assert.deepEqual(steps.map((s) => [s.step, s.load, s.n, s.ok]), [[0, 2, 2, 2], [1, 4, 6, 5]]);
  assert.equal(steps[1].p50RoundTripMs, 30);
  assert.equal(steps[1].p95RoundTripMs, 48);
  assert.equal(steps[1].coldRate, 1 / 5);
  assert.equal(steps[0].coldRate, 1);
  assert.equal(feed(createLoadSteps(), [record({})]), undefined);
});

test('idle time: cold probability per idle time from probe calls only, with a Wilson interval', () => {
  const records = [
    record({ idleRole: 'prime', idleMs: 1000, cold: true }),
    ...[true, false, false, false].map((cold) => record({ idleRole: 'probe', idleMs: 1000, cold })),
    ...[true, true].map((cold) => record({ idleRole: 'probe', idleMs: 60_000, cold })),
    record({ idleRole: 'probe', idleMs: 60_000 }),
  ];
  const points = feed(createIdleCold(), records)!;
  assert.deepEqual(points.map((p) => [p.idleMs, p.probes, p.known, p.cold, p.probability]), [[1000, 4, 4, 1, 0.25], [60_000, 3, 2, 2, 1]]);
  // Wilson 95% for 1 of 4: 0.0456 .. 0.6994 (textbook value).
  assert.ok(Math.abs(points[0].ciLow! - 0.0456) < 1e-3 && Math.abs(points[0].ciHigh! - 0.6994) < 1e-3);
  assert.equal(points[1].ciHigh, 1);
  assert.deepEqual(wilson(0, 10, 1.96).ciLow, 0);
});

test('normal quantile and the order-statistic interval of a percentile', () => {
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
  assert.ok(Math.abs(normalQuantile(0.01) + 2.326348) < 1e-6);
  const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  // n = 100, p = 0.5: ranks floor(50 − 9.8) = 40 and ceil(50 + 9.8) + 1 = 61.
  assert.deepEqual(percentileCi(sorted, 0.5), { low: 40, high: 61 });
  // Too few values to bound a p99 from above.
  assert.equal(percentileCi(sorted.slice(0, 10), 0.99).high, Infinity);
});
