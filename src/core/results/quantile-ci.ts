// Distribution-free confidence interval of a percentile: the order statistics whose ranks bracket
// n·p by z·sqrt(n·p·(1−p)) (the normal approximation of the binomial; Conover, Practical
// Nonparametric Statistics §3.2). Too few values for a bound leaves that side open.

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Interval of percentile `p` (0..1) of ascending-sorted values; ±Infinity where too few values bound it. */
export function percentileCi(sorted: ArrayLike<number>, p: number, confidence = 0.95): { low: number; high: number } {
  const n = sorted.length;
  const z = normalQuantile(0.5 + confidence / 2);
  const spread = z * Math.sqrt(n * p * (1 - p));
  // 1-based ranks j < k with P(X_(j) ≤ q_p ≤ X_(k)) ≈ confidence.
  const j = Math.floor(n * p - spread);
  const k = Math.ceil(n * p + spread) + 1;
  return { low: j >= 1 ? sorted[j - 1] : -Infinity, high: k <= n ? sorted[k - 1] : Infinity };
}
