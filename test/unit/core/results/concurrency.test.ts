import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concurrencyTimeline, niceBucketWidth } from '../../../../src/core/results/concurrency';

const T0 = 1_700_000_000_000;
const call = (start: number, end: number, roundTripMs = end - start, status = 'ok') => ({ clientStart: T0 + start, clientEnd: T0 + end, roundTripMs, status });

test('peak, time-weighted mean and buckets of three overlapping calls', () => {
  // A [0,10)  B [5,15)  C [10,20): at 10 A ends as C starts -> half-open intervals give 2, not 3.
  // Busy time 10+10+10 = 30 over a 20 ms span -> mean 1.5.
  const t = concurrencyTimeline([call(0, 10), call(5, 15), call(10, 20)], { bucketMs: 5 })!;
  assert.equal(t.startMs, T0);
  assert.equal(t.spanMs, 20);
  assert.equal(t.peak, 2);
  assert.equal(t.mean, 1.5);
  // [0,5): A | [5,10): A,B | [10,15): B,C | [15,20): C
  assert.deepEqual(t.buckets.map((b) => b.offsetMs), [0, 5, 10, 15]);
  // In flight at each bucket start instant: A at 0; A,B at 5; B,C at 10 (A has just ended); C at 15.
  assert.deepEqual(t.buckets.map((b) => b.atStart), [1, 2, 2, 1]);
  assert.deepEqual(t.buckets.map((b) => b.max), [1, 2, 2, 1]);
  assert.deepEqual(t.buckets.map((b) => b.mean), [1, 2, 2, 1]);
  // Completions: A at 10 -> bucket 2; B at 15 -> bucket 3; C at 20 (the span's end) -> last bucket.
  assert.deepEqual(t.buckets.map((b) => b.completed), [0, 0, 1, 2]);
  assert.deepEqual(t.buckets.map((b) => b.p50RoundTripMs), [undefined, undefined, 10, 10]);
});

test('a closed-loop worker calling back to back has concurrency 1', () => {
  const t = concurrencyTimeline([call(0, 10), call(10, 20), call(20, 30)], { bucketMs: 10 })!;
  assert.equal(t.peak, 1);
  assert.equal(t.mean, 1);
  assert.deepEqual(t.buckets.map((b) => b.max), [1, 1, 1]);
});

test('bucket means weigh partial overlaps by time; the last partial bucket by its covered width', () => {
  // [0,4) and [2,8), one 10 ms bucket but the span ends at 8: area 4 + 6 = 10 over 8 ms -> 1.25.
  const t = concurrencyTimeline([call(0, 4), call(2, 8)], { bucketMs: 10 })!;
  assert.equal(t.buckets.length, 1);
  assert.equal(t.buckets[0].max, 2);
  assert.equal(t.buckets[0].mean, 1.25);
  assert.equal(t.mean, 10 / 8);
});

test('a gap between calls shows as zero in flight', () => {
  // [0,10) then nothing until [30,40): buckets of 10 -> 1, 0, 0, 1; mean 20/40.
  const t = concurrencyTimeline([call(0, 10), call(30, 40)], { bucketMs: 10 })!;
  assert.deepEqual(t.buckets.map((b) => b.mean), [1, 0, 0, 1]);
  assert.deepEqual(t.buckets.map((b) => b.max), [1, 0, 0, 1]);
  assert.equal(t.mean, 0.5);
});

test('throughput counts every completion, latency only ok ones', () => {
  const t = concurrencyTimeline(
    [call(0, 4, 4), call(0, 6, 6), call(0, 8, 100, 'error'), call(12, 20, 8), call(14, 18, 4)],
    { bucketMs: 10 },
  )!;
  assert.deepEqual(t.buckets.map((b) => [b.completed, b.ok]), [[3, 2], [2, 2]]);
  // Bucket 0 ok round trips [4, 6] -> median 5; bucket 1 [8, 4] -> 6.
  assert.deepEqual(t.buckets.map((b) => b.p50RoundTripMs), [5, 6]);
});

test('zero-length calls add nothing; no calls give no timeline; bad input is refused', () => {
  const t = concurrencyTimeline([call(5, 5), call(0, 10)], { bucketMs: 10 })!;
  assert.equal(t.peak, 1);
  assert.equal(concurrencyTimeline([]), undefined);
  assert.throws(() => concurrencyTimeline([call(10, 5)]), RangeError);
  assert.throws(() => concurrencyTimeline([call(0, 86_400_000)], { bucketMs: 1 }), /choose a wider bucket/);
});

test('the default bucket is a round width giving at most ~100 buckets', () => {
  assert.equal(niceBucketWidth(95_000, 100), 1000);
  assert.equal(niceBucketWidth(120_000, 100), 2000);
  assert.equal(niceBucketWidth(10, 100), 1);
  const t = concurrencyTimeline([call(0, 95_000)])!;
  assert.equal(t.bucketMs, 1000);
  assert.equal(t.buckets.length, 95);
});

test('100,000 calls are reconstructed in one sweep', () => {
  const calls = Array.from({ length: 100_000 }, (_, i) => call(i * 3, i * 3 + 10 + (i % 17)));
  // Its time is an `npm run bench` figure (analysis).
  const t = concurrencyTimeline(calls)!;
  // Each call lasts 10..26 ms and one starts every 3 ms: 4 to 9 overlap at any time.
  assert.ok(t.peak >= 4 && t.peak <= 9, `peak ${t.peak}`);
  assert.equal(t.buckets.reduce((sum, b) => sum + b.completed, 0), 100_000);
});
