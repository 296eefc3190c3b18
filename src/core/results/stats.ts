// Descriptive statistics for one metric: mean with a Student-t confidence interval, sample
// standard deviation, extremes and percentiles. Pure numeric code, no knowledge of records.

/** Statistics of one metric over the records that have it. JSON-safe: no NaN, no Infinity. */
export interface MetricStats {
  n: number;
  mean: number;
  /** Sample standard deviation (divides by n - 1); absent when n < 2. */
  stddev?: number;
  /** Half-width of the confidence interval of the mean (Student t, df = n - 1); absent when n < 2. */
  ciHalfWidth?: number;
  ciLow?: number;
  ciHigh?: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/**
 * Percentile `p` (0..1) of ascending-sorted values, by linear interpolation between closest
 * ranks: h = (n - 1) * p, result = x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).
 * This is numpy's default `method='linear'` (and pandas' `quantile` default), so numbers match
 * what users get from `np.percentile(x, 100 * p)` on the exported CSV.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile of an empty list');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within 0..1, got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Sorts a copy ascending; Float64Array's numeric sort is far faster than Array#sort with a comparator. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/** Statistics of `values` (finite numbers, any order); undefined when there are none. */
export function describe(values: ArrayLike<number>, confidence = 0.95): MetricStats | undefined {
  return describeSorted(sortedCopy(values), confidence);
}

/** As `describe`, for values already sorted ascending (skips the sort). */
export function describeSorted(sorted: ArrayLike<number>, confidence = 0.95): MetricStats | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  const stats: MetricStats = {
    n,
    mean,
    min: sorted[0],
    max: sorted[n - 1],
    p50: percentileSorted(sorted, 0.5),
    p90: percentileSorted(sorted, 0.9),
    p95: percentileSorted(sorted, 0.95),
    p99: percentileSorted(sorted, 0.99),
  };
  if (n >= 2) {
    // Two-pass variance: summing squared deviations from the mean avoids the cancellation
    // that sum(x^2) - n*mean^2 suffers with large epoch-like values.
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = sorted[i] - mean;
      ss += d * d;
    }
    const stddev = Math.sqrt(ss / (n - 1));
    const half = studentTQuantile(0.5 + confidence / 2, n - 1) * (stddev / Math.sqrt(n));
    stats.stddev = stddev;
    stats.ciHalfWidth = half;
    stats.ciLow = mean - half;
    stats.ciHigh = mean + half;
  }
  return stats;
}

/** Mean of the values, or undefined when there are none. */
export function mean(values: ArrayLike<number>): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

// ---- Student t quantile -------------------------------------------------------------------
// A fixed 1.96 understates the interval badly for the small n that cold-start experiments
// produce (t(0.975, 3) = 3.182), so the quantile is computed from the t distribution itself:
// its CDF is a regularized incomplete beta function, inverted here by bisection to full
// double precision (cost is negligible: one inversion per metric per group).

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.9999999999998099;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta (modified Lentz, as in Numerical Recipes §6.4). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  // The continued fraction converges fast only below the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** CDF of Student's t distribution with `df` degrees of freedom (df > 0, need not be an integer). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Quantile (inverse CDF) of Student's t: the t with P(T <= t) = p. E.g. (0.975, 3) -> 3.1824. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`t quantile needs 0 < p < 1, got ${p}`);
  if (!(df > 0)) throw new RangeError(`t quantile needs df > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) return hi; // p so close to 1 that the quantile is beyond any useful scale
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
