import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe, incompleteBeta, logGamma, percentileSorted, studentTCdf, studentTQuantile } from '../../../../src/core/results/stats';

const close = (actual: number | undefined, expected: number, tolerance: number, what = '') =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected} ± ${tolerance}, got ${actual}`);

test('mean, sample sd and the t-based 95% CI match hand arithmetic', () => {
  // [10,20,30,40]: mean 25; squared deviations 225+25+25+225 = 500; variance 500/3 = 166.667;
  // sd = 12.9099; standard error = 12.9099/sqrt(4) = 6.4550; t(0.975, df 3) = 3.1824 -> CI ±20.5426.
  const s = describe([40, 10, 30, 20])!;
  assert.equal(s.n, 4);
  assert.equal(s.mean, 25);
  close(s.stddev, 12.9099, 1e-4, 'sd');
  close(s.ciHalfWidth, 20.5426, 1e-3, 'CI half-width');
  close(s.ciLow, 25 - 20.5426, 1e-3, 'CI low');
  close(s.ciHigh, 25 + 20.5426, 1e-3, 'CI high');
  assert.equal(s.min, 10);
  assert.equal(s.max, 40);
  // numpy linear: p50 h = 3*0.5 = 1.5 -> 20 + 0.5*10 = 25; p90 h = 2.7 -> 30 + 0.7*10 = 37;
  // p95 h = 2.85 -> 38.5; p99 h = 2.97 -> 39.7.
  assert.equal(s.p50, 25);
  close(s.p90, 37, 1e-9, 'p90');
  close(s.p95, 38.5, 1e-9, 'p95');
  close(s.p99, 39.7, 1e-9, 'p99');
});

test('percentiles interpolate linearly between closest ranks, as numpy.percentile does by default', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  // np.percentile(range(1, 11), [0, 50, 90, 95, 99, 100]) -> 1, 5.5, 9.1, 9.55, 9.91, 10
  close(percentileSorted(oneToTen, 0), 1, 1e-12, 'p0');
  close(percentileSorted(oneToTen, 0.5), 5.5, 1e-12, 'p50');
  close(percentileSorted(oneToTen, 0.9), 9.1, 1e-12, 'p90');
  close(percentileSorted(oneToTen, 0.95), 9.55, 1e-12, 'p95');
  close(percentileSorted(oneToTen, 0.99), 9.91, 1e-12, 'p99');
  close(percentileSorted(oneToTen, 1), 10, 1e-12, 'p100');
  assert.equal(percentileSorted([7], 0.99), 7);
  assert.throws(() => percentileSorted([], 0.5), RangeError);
  assert.throws(() => percentileSorted([1], 1.5), RangeError);
});

test('one value has a mean but no spread; no values have no statistics', () => {
  const s = describe([12.5])!;
  assert.deepEqual(s, { n: 1, mean: 12.5, min: 12.5, max: 12.5, p50: 12.5, p90: 12.5, p95: 12.5, p99: 12.5 });
  assert.equal(describe([]), undefined);
});

test('t quantiles match the printed t table to 1e-3', () => {
  // Two-sided 95% (p = 0.975) critical values from any t table.
  const table: Array<[number, number]> = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [5, 2.571],
    [10, 2.228],
    [30, 2.042],
    [100, 1.984],
  ];
  for (const [df, t] of table) close(studentTQuantile(0.975, df), t, 1e-3, `t(0.975, ${df})`);
  // Two-sided 99% and one-sided 95%.
  close(studentTQuantile(0.995, 1), 63.657, 1e-3, 't(0.995, 1)');
  close(studentTQuantile(0.995, 10), 3.169, 1e-3, 't(0.995, 10)');
  close(studentTQuantile(0.95, 5), 2.015, 1e-3, 't(0.95, 5)');
  // Symmetry, the median, and convergence to the normal 1.95996 for huge df.
  close(studentTQuantile(0.025, 3), -3.182, 1e-3, 't(0.025, 3)');
  assert.equal(studentTQuantile(0.5, 7), 0);
  close(studentTQuantile(0.975, 1e7), 1.95996, 1e-4, 't(0.975, 1e7)');
  assert.throws(() => studentTQuantile(1, 3), RangeError);
  assert.throws(() => studentTQuantile(0.9, 0), RangeError);
});

test('the t CDF and incomplete beta agree with closed forms', () => {
  // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi.
  for (const t of [-3, -0.5, 0, 1, 4]) close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12, `Cauchy F(${t})`);
  // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
  for (const t of [-2, 0.3, 5]) close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12, `t2 F(${t})`);
  // I_x(1, 1) = x; I_x(2, 1) = x^2.
  close(incompleteBeta(0.3, 1, 1), 0.3, 1e-14, 'I(1,1)');
  close(incompleteBeta(0.3, 2, 1), 0.09, 1e-14, 'I(2,1)');
  // ln Γ(5) = ln 24, Γ(1/2) = sqrt(pi).
  close(logGamma(5), Math.log(24), 1e-12, 'lnΓ(5)');
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-12, 'lnΓ(1/2)');
});

test('statistics stay accurate on large epoch-like values', () => {
  // Values near 1.7e12 with sd 1: a one-pass sum-of-squares formula would lose every digit here.
  const base = 1.7e12;
  const s = describe([base - 1, base, base + 1])!;
  assert.equal(s.mean, base);
  close(s.stddev, 1, 1e-9, 'sd');
});
