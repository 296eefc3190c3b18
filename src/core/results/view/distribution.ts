// Histogram and CDF series for one group's values: binned and decimated so a chart of 100,000
// calls has at most a hundred bars and 500 line points.
import { percentileSorted, sortedCopy } from '../stats';
import type { CdfSeries, DistributionSeries, HistogramSeries } from './types';

export const MAX_BINS = 100;
export const MAX_CDF_POINTS = 500;
/** When the full range needs more than MAX_BINS bins, bins stop here and the rest is overflow. */
const TAIL_QUANTILE = 0.99;

/**
 * Bins by the Freedman–Diaconis rule (Sturges when the IQR is 0), widened to a round width
 * (1, 2, 2.5 or 5 × 10^k) from a round start. At most maxBins bins: when a long tail would need
 * more, bins stop at the 99th percentile and the calls beyond are counted as overflow.
 */
export function histogram(sorted: ArrayLike<number>, maxBins = MAX_BINS): HistogramSeries {
  const n = sorted.length;
  if (n === 0) return { start: 0, width: 1, counts: [], overflow: 0 };
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  if (max === min) return { start: min, width: 1, counts: [n], overflow: 0 };
  const iqr = percentileSorted(sorted, 0.75) - percentileSorted(sorted, 0.25);
  let width = iqr > 0 ? (2 * iqr) / Math.cbrt(n) : (max - min) / (Math.ceil(Math.log2(n)) + 1);
  let end = max;
  if ((max - min) / width > maxBins) {
    const tail = percentileSorted(sorted, TAIL_QUANTILE);
    if (tail > min) end = tail;
    width = Math.max(width, (end - min) / maxBins);
  }
  const { start, step, bins } = roundBins(min, end, width, maxBins);
  const counts = new Array<number>(bins).fill(0);
  const cut = end < max ? start + step * bins : Infinity;
  let overflow = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    if (v > cut) overflow++;
    else counts[Math.min(bins - 1, Math.floor((v - start) / step))]!++;
  }
  return { start, width: step, counts, overflow };
}

function roundBins(min: number, end: number, width: number, maxBins: number): { start: number; step: number; bins: number } {
  for (let exp = Math.floor(Math.log10(width)); ; exp++) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * 10 ** exp;
      if (step < width) continue;
      const start = Math.floor(min / step) * step;
      const bins = Math.max(1, Math.ceil((end - start) / step));
      if (bins <= maxBins) return { start, step, bins };
    }
  }
}

/** The empirical CDF at ≤ maxPoints evenly spaced ranks, always keeping the smallest and largest value. */
export function cdf(sorted: ArrayLike<number>, maxPoints = MAX_CDF_POINTS): CdfSeries {
  const n = sorted.length;
  const x: number[] = [];
  const y: number[] = [];
  if (n === 0) return { x, y };
  const k = Math.min(n, Math.max(2, maxPoints));
  let previous = -1;
  for (let i = 0; i < k; i++) {
    const index = k === 1 ? n - 1 : Math.round((i * (n - 1)) / (k - 1));
    if (index === previous) continue;
    previous = index;
    x.push(sorted[index]!);
    y.push((index + 1) / n);
  }
  return { x, y };
}

export function distribution(values: ArrayLike<number>): DistributionSeries {
  const sorted = sortedCopy(values);
  return { histogram: histogram(sorted), cdf: cdf(sorted) };
}
