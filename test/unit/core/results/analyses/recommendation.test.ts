import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecommendations, payloadWeight, type RecommendationSpec } from '../../../../../src/core/results/recommendation';
import { recommendationLine } from '../../../../../src/core/results/report-analyses';
import type { InvocationRecord } from '../../../../../src/core/results/record';
import { feed, record } from './make-record';

/** Ten calls per size on aws, runtime = billed duration = the size's ms ± 5 (so every size has an interval). */
function sweep(msBySize: Record<number, number>, platform: InvocationRecord['platform'] = 'aws', payloadIndex = 0): InvocationRecord[] {
  return Object.entries(msBySize).flatMap(([mb, ms]) =>
    Array.from({ length: 10 }, (_, i) => {
      const runtime = ms + (i % 2 ? 5 : -5);
      return record({ platform, memoryMB: Number(mb), payloadIndex, runtime, billedDurationMs: runtime, roundTripMs: runtime + 20 });
    }),
  );
}

// GB-s per call: 128 MB × 400 ms = 0.05, 256 × 190 = 0.0475, 512 × 100 = 0.05.
const SIZES = { 128: 400, 256: 190, 512: 100 };

function recommend(spec: RecommendationSpec, records = sweep(SIZES)) {
  const [rec] = feed(createRecommendations(spec), records);
  return rec;
}

test('cost picks the cheapest size, speed the fastest, balanced trades them by balancedWeight (power tuning)', () => {
  assert.equal(recommend({ strategy: 'cost' }).memoryMB, 256);
  assert.equal(recommend({ strategy: 'speed' }).memoryMB, 512);
  // w = 0.5: 512 scores 0.5·1 + 0.5·0.25 = 0.625 against 256's ≈ 0.5·0.95 + 0.5·0.475 = 0.71.
  assert.equal(recommend({ strategy: 'balanced' }).memoryMB, 512);
  assert.equal(recommend({ strategy: 'balanced', balancedWeight: 0.9 }).memoryMB, 256);
  const byDefault = recommend({});
  assert.equal(byDefault.strategy, 'cost');
  assert.equal(byDefault.strategyFromSpec, false);
});

test('the recommended size comes with t intervals of its mean duration and cost', () => {
  const rec = recommend({ strategy: 'speed' });
  const d = rec.recommended.durationMs!;
  assert.equal(d.mean, 100);
  // ±5 over 10 calls: s = 5.27, se = 1.667, t(0.975, 9) = 2.262 → ±3.77.
  assert.ok(Math.abs(d.ciHigh! - d.mean - 2.2622 * (Math.sqrt(250 / 9) / Math.sqrt(10))) < 1e-3);
  assert.ok(rec.recommended.costUSD!.ciLow! < rec.recommended.costUSD!.mean);
  assert.equal(rec.durationMetric, 'runtime');
  assert.deepEqual(rec.runnerUp, { memoryMB: 256, overlaps: false });
  assert.match(recommendationLine(rec, false), /^Recommended memory \(speed\): 512 MB — mean runtime 100 ms \[96\.2 ms, 104 ms\], \$[\d.]+ \[\$[\d.]+, \$[\d.]+\] per 1M calls \(95% t intervals\)$/);
});

test('an interval of a few scattered calls stops at 0 ms and $0: durations and costs are never negative', () => {
  // At 128 MB two calls of 1 ms and 300 ms: mean 150.5, t(0.975, 1) = 12.7 → the t interval would reach −1750 ms.
  const records = [
    [128, 1],
    [128, 300],
    [256, 150],
    [256, 152],
  ].map(([memoryMB, runtime]) => record({ platform: 'aws', memoryMB, runtime, billedDurationMs: runtime, roundTripMs: runtime + 20 }));
  const rec = recommend({ strategy: 'speed' }, records);
  const d = rec.recommended.durationMs!;
  assert.equal(d.mean, 150.5);
  assert.equal(d.ciLow, 0);
  assert.ok(d.ciHigh! > 1000);
  assert.equal(rec.recommended.costUSD!.ciLow, 0);
  assert.match(recommendationLine(rec, false), /mean runtime 151 ms \[0 ms, 2050 ms\], \$0\.51 \[\$0\.00, /);
});

test('sizes the run cannot tell apart are said to be so', () => {
  const rec = recommend({ strategy: 'speed' }, sweep({ 128: 100, 256: 101 }));
  assert.equal(rec.memoryMB, 128);
  assert.deepEqual(rec.runnerUp, { memoryMB: 256, overlaps: true });
  assert.match(recommendationLine(rec, false), /256 MB scores within the interval/);
});

test('on a free platform every strategy comes down to speed', () => {
  const rec = recommend({ strategy: 'cost' }, sweep(SIZES, 'local'));
  assert.equal(rec.free, true);
  assert.equal(rec.memoryMB, 512);
});

test('payload weights from the spec (weightedPayloads) weigh each payload mean; a single size gives no recommendation', () => {
  // Payload 0 favours 128 MB, payload 1 favours 256 MB; weight 3 on payload 1 tips speed to 256 MB.
  const records = [...sweep({ 128: 100, 256: 150 }, 'aws', 0), ...sweep({ 128: 300, 256: 200 }, 'aws', 1)];
  assert.equal(recommend({ strategy: 'speed' }, records).memoryMB, 256);
  const weighted = recommend({ strategy: 'speed', payloadWeights: [5, 1] }, records);
  assert.equal(weighted.memoryMB, 128);
  assert.equal(weighted.weighted, true);
  assert.equal(weighted.recommended.durationMs!.mean, (5 * 100 + 300) / 6);
  assert.equal(payloadWeight({ payloadWeights: [Number.NaN, 7] }, 0), 1);
  assert.equal(payloadWeight({ payloadWeights: [Number.NaN, 7] }, 1), 7);
  assert.equal(payloadWeight({}, 0), 1, 'without weighted payloads every payload counts the same');
  assert.deepEqual(feed(createRecommendations({}), sweep({ 128: 100 })), []);
});
