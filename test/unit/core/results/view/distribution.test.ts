import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cdf, distribution, histogram, MAX_BINS, MAX_CDF_POINTS } from '../../../../../src/core/results/view/distribution';
import { seededRandom as random } from '../../../../../src/core/experiment/random';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('histogram: Freedman–Diaconis width rounded to a round number, from a round start', () => {
  // 1..100: IQR = 75.25 − 25.75 = 49.5, FD width = 2 × 49.5 / ∛100 = 21.3 → 25; bins from 0.
  const h = histogram(range(1, 100));
  assert.equal(h.start, 0);
  assert.equal(h.width, 25);
  assert.deepEqual(h.counts, [24, 25, 25, 26]);
  assert.equal(h.overflow, 0);
});

test('histogram: all values equal make one bin', () => {
  assert.deepEqual(histogram([7, 7, 7]), { start: 7, width: 1, counts: [3], overflow: 0 });
  assert.deepEqual(histogram([]), { start: 0, width: 1, counts: [], overflow: 0 });
});

test('histogram: zero IQR falls back to Sturges', () => {
  // 0 × 8, 10, 20: IQR 0; Sturges: ⌈log2 10⌉ + 1 = 5 bins over 0..20 → width 4 → 5; the max closes the last bin.
  const h = histogram([0, 0, 0, 0, 0, 0, 0, 0, 10, 20]);
  assert.equal(h.width, 5);
  assert.deepEqual(h.counts, [8, 0, 1, 1]);
});

test('histogram: a long tail is cut at the 99th percentile, the rest counted as overflow', () => {
  const rand = random(3);
  const values = [...Array.from({ length: 9900 }, () => 100 + 20 * rand()), ...Array.from({ length: 100 }, () => 5000 + 50000 * rand())].sort((a, b) => a - b);
  const h = histogram(values);
  assert.ok(h.counts.length <= MAX_BINS, `${h.counts.length} bins`);
  assert.ok(h.overflow > 0 && h.overflow <= 101, `overflow ${h.overflow}`);
  assert.equal(h.counts.reduce((a, b) => a + b, 0) + h.overflow, values.length);
  // Bins cover the body of the distribution finely (not 100 bins over 0..55,000).
  assert.ok(h.width <= 50, `width ${h.width}`);
});

test('histogram: never more than MAX_BINS bins, every value counted', () => {
  const rand = random(9);
  for (const n of [2, 10, 1000, 100_000]) {
    const values = Array.from({ length: n }, () => Math.exp(5 * rand())).sort((a, b) => a - b);
    const h = histogram(values);
    assert.ok(h.counts.length >= 1 && h.counts.length <= MAX_BINS);
    assert.equal(h.counts.reduce((a, b) => a + b, 0) + h.overflow, n);
  }
});

test('cdf: every point kept while there are at most MAX_CDF_POINTS values', () => {
  const c = cdf([10, 20, 30, 40]);
  assert.deepEqual(c.x, [10, 20, 30, 40]);
  assert.deepEqual(c.y, [0.25, 0.5, 0.75, 1]);
});

test('cdf: decimated to MAX_CDF_POINTS, keeps min and max, monotone', () => {
  const values = range(1, 100_000);
  const c = cdf(values);
  assert.ok(c.x.length <= MAX_CDF_POINTS);
  assert.ok(c.x.length >= MAX_CDF_POINTS - 1);
  assert.equal(c.x[0], 1);
  assert.equal(c.y[0], 1 / 100_000);
  assert.equal(c.x.at(-1), 100_000);
  assert.equal(c.y.at(-1), 1);
  for (let i = 1; i < c.x.length; i++) assert.ok(c.x[i]! >= c.x[i - 1]! && c.y[i]! > c.y[i - 1]!);
  // Each point is the exact empirical CDF at its value.
  for (let i = 0; i < c.x.length; i += 50) assert.equal(c.y[i], c.x[i]! / 100_000);
});

test('distribution sorts its input', () => {
  const d = distribution([3, 1, 2]);
  assert.deepEqual(d.cdf.x, [1, 2, 3]);
});
