// The chart-ready data the extension host sends to the results webview: small, already binned and
// decimated, so the webview draws 100,000 invocations as quickly as 100. Types only, and the list
// of metrics a comparison reports.
import type { ResponseCell, ResponseView } from './response';
import type { ExperimentSeries } from './experiments';

import type { NestedSummary } from '../nested';

/** Equal-width bins from `start`; `overflow` counts values above the last bin (a long tail cut off). */
export interface HistogramSeries {
  start: number;
  width: number;
  counts: number[];
  overflow: number;
}

/** Empirical CDF, decimated: `y[i]` is the share of values ≤ `x[i]`. */
export interface CdfSeries {
  x: number[];
  y: number[];
}

export interface DistributionSeries {
  histogram: HistogramSeries;
  cdf: CdfSeries;
}

export type DistributionMetric = 'roundTripMs' | 'runtime';

export interface ColdWarmStats {
  n: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

/** One function on one platform at one memory size (and payload, when there are several). */
export interface GroupView {
  key: string;
  label: string;
  /** `function · platform`: the charts over memory sizes are drawn per target. */
  target: string;
  memoryMB: number;
  n: number;
  distributions: Partial<Record<DistributionMetric, DistributionSeries>>;
  /** Round trip of calls that started an instance vs. calls that found one warm; absent when unknown. */
  cold?: ColdWarmStats;
  warm?: ColdWarmStats;
}

/** Run-wide time series, bucketed (≤ 1000 buckets); `t` is seconds since the first call started. */
export interface TimelineSeries {
  bucketMs: number;
  t: number[];
  /** Mean number of calls in flight over each bucket, and the most at any instant in it. */
  concurrencyMean: number[];
  concurrencyMax: number[];
  /** Round trip of the calls that started in each bucket (null: none started). */
  latencyP50Ms: (number | null)[];
  latencyP95Ms: (number | null)[];
  coldStarts: number[];
  errors: number[];
}

/** CPU time per call, in ms, per memory size: means of the machine-wide /proc/stat deltas (SAAF). */
export interface CpuSeries {
  userMs: (number | null)[];
  kernelMs: (number | null)[];
  idleMs: (number | null)[];
  ioWaitMs: (number | null)[];
  stealMs: (number | null)[];
}

/** Per target (function · platform), one entry per memory size, ascending. */
export interface MemorySeries {
  target: string;
  memoryMB: number[];
  /** Round-trip percentiles of the ok calls at each size. */
  percentiles: { p50: (number | null)[]; p90: (number | null)[]; p95: (number | null)[]; p99: (number | null)[] };
  /** Absent when no call reported CPU deltas. */
  cpu?: CpuSeries;
  /** Median duration the trade-off is judged on (runtime when every size has it, else round trip). */
  durationMetric: 'runtime' | 'roundTrip';
  /** Payloads the medians are averaged over (each payload's median, then their mean); 1: plain medians. */
  payloads: number;
  /** The weights of that mean, in payload order; absent: a plain mean. */
  payloadWeights?: number[];
  p50DurationMs: (number | null)[];
  /** List price per 1M calls, USD (0 on the local platform). */
  costPerMillionUSD: (number | null)[];
  /** Indexes into memoryMB; best = smallest cost per call × median duration (absent when nothing costs money). */
  bestIndex?: number;
  cheapestIndex?: number;
  fastestIndex?: number;
}

export interface MetricCells {
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** One row of the statistics table: numbers as the summary module computed them. */
export interface StatsRow {
  key: string;
  label: string;
  n: number;
  /** Calls that did not end ok (error, timeout, throttled). */
  failed: number;
  metrics: Partial<Record<DistributionMetric, MetricCells>>;
  coldStartRate: number | null;
  costPerMillionUSD: number | null;
  /** Per returned field (RunView.response.fields), this group's cell; absent: no call returned it. */
  response?: Partial<Record<string, ResponseCell>>;
}

export interface RunView {
  runDir: string;
  title: string;
  /** e.g. "aws · started 2025-01-02 10:00 · 12,000 calls". */
  subtitle: string;
  /** True while the run is still writing records. */
  live: boolean;
  /** Cancelled, or its process gone before it ended: the page offers to resume it. */
  resumable?: boolean;
  /** Records in the file; those the statistics cover (warm-ups left out); how many of those failed. */
  totals: { records: number; summarized: number; failed: number; warmupExcluded: number };
  groups: GroupView[];
  timeline?: TimelineSeries;
  memory: MemorySeries[];
  table: StatsRow[];
  /** What the functions returned, and the filter on it in force; absent when no call returned anything. */
  response?: ResponseView;
  /** Facts the reader needs to read the charts right (e.g. "runtime not reported: round trip only"). */
  notes: string[];
  /** Load steps, idle-time probes, scale-out and cold-start signals, where the run has them. */
  experiments: ExperimentSeries;
  /** Time per hop and double billing, when the function called others. */
  nested?: NestedSummary;
}

export const DELTA_METRICS = [
  'roundTripP50Ms',
  'roundTripP95Ms',
  'roundTripMeanMs',
  'runtimeP50Ms',
  'runtimeP95Ms',
  'runtimeMeanMs',
  'costPerMillionUSD',
  'coldStartRate',
] as const;
export type DeltaMetric = (typeof DELTA_METRICS)[number];

export interface MetricDelta {
  metric: DeltaMetric;
  before: number;
  after: number;
  /** (after − before) / before × 100; null when before is 0. */
  changePct: number | null;
  /** Means only: whether the 95% confidence intervals of before and after overlap. */
  ciOverlap?: boolean;
  /**
   * Lower is better for every metric here. Means: 'same' while the CIs overlap; other metrics:
   * 'same' under a change of NOISE_PCT percent.
   */
  verdict: 'better' | 'worse' | 'same';
}

export interface GroupComparison {
  key: string;
  label: string;
  deltas: MetricDelta[];
  /** The group's distributions in each run, for overlaid CDFs. */
  distributions: Partial<Record<DistributionMetric, { before: DistributionSeries; after: DistributionSeries }>>;
}

export interface ComparisonView {
  before: { runDir: string; title: string; subtitle: string };
  after: { runDir: string; title: string; subtitle: string };
  /** Groups present in both runs. */
  groups: GroupComparison[];
  /** Labels of groups found in only one of the runs. */
  onlyBefore: string[];
  onlyAfter: string[];
  notes: string[];
}
