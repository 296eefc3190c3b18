// The CI regression check behind `faas-lab compare A B --fail-if p95+10%`: per group both runs
// share, a metric is a regression when it got worse beyond the bound AND the two runs' 95%
// intervals do not overlap (means: Student t; percentiles: order-statistic intervals), so noise
// alone never fails a build. Groups are paired as the results explorer's comparison pairs them;
// each side is summarised one record at a time, so `compare` streams both runs.
import { BadInputError } from '../bad-input';
import { count, ms, signedPercent } from '../format';
import { intervalsOverlap } from './overlap';
import { percentileCi } from './quantile-ci';
import type { MetricStats } from './stats';
import { RunSummaryBuilder, type GroupField, type GroupSummary, type GroupTimings, type RunInfoLike, type RunSummary } from './summary';
import { table } from './text-table';
import type { RunData } from './view/shape';

export const REGRESSION_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const;
export type RegressionStat = (typeof REGRESSION_STATS)[number];
export type RegressionMeasure = 'roundTripMs' | 'runtime';

export interface FailIf {
  /** As written, e.g. "p95+10%". */
  text: string;
  measure: RegressionMeasure;
  stat: RegressionStat;
  /** Allowed growth: percent of the first run's value, or ms. */
  bound: { pct: number } | { ms: number };
}

const FAIL_IF = /^(?:(runtime|roundtrip)[.:])?(mean|p50|p90|p95|p99)\+(\d+(?:\.\d+)?)(%|ms)$/i;
const FAIL_IF_HELP = 'write it as <metric>+<N>% or <metric>+<N>ms, metric one of mean, p50, p90, p95, p99 (round trip), or runtime.p95 for the function\'s own runtime; e.g. --fail-if p95+10%';

export function parseFailIf(text: string): FailIf {
  const m = FAIL_IF.exec(text.trim().replace(/\s+/g, ''));
  if (!m) throw new BadInputError(`--fail-if ${text}: ${FAIL_IF_HELP}`);
  const value = Number(m[3]);
  return {
    text: text.trim(),
    measure: m[1]?.toLowerCase() === 'runtime' ? 'runtime' : 'roundTripMs',
    stat: m[2].toLowerCase() as RegressionStat,
    bound: m[4].toLowerCase() === '%' ? { pct: value } : { ms: value },
  };
}

/** The diff shown without --fail-if: median, tail and mean of the round trip, any change. */
export const DEFAULT_CHECKS: FailIf[] = ['p50+0%', 'p95+0%', 'mean+0%'].map(parseFailIf);

export type RegressionVerdict = 'worse' | 'better' | 'same';

export interface RegressionRow {
  group: string;
  check: FailIf;
  before: number;
  after: number;
  changePct: number | null;
  /** The intervals of before and after (±Infinity: too few calls to bound that side). */
  beforeCi: [number, number];
  afterCi: [number, number];
  overlap: boolean;
  /** Worse by more than the bound. */
  beyondBound: boolean;
  /** worse: beyond the bound and the intervals apart; better: improved and apart; else same. */
  verdict: RegressionVerdict;
}

export interface RegressionResult {
  rows: RegressionRow[];
  /** Rows that fail the check. */
  failed: RegressionRow[];
  onlyBefore: string[];
  onlyAfter: string[];
}

/** One side of a comparison: its summary and, per group label, the sorted timings of its ok calls. */
export interface ComparedRun {
  summary: RunSummary;
  timings: ReadonlyMap<string, GroupTimings>;
}

/** The group fields both runs are compared over: function · platform · memory size, and payload when either run has several. */
export const COMPARE_GROUP_BY: readonly GroupField[] = ['function', 'platform', 'memoryMB'];

/** A builder for one side: feed it the run's records (streamed or not), then `comparedRuns`. */
export function comparisonBuilder(info: RunInfoLike): RunSummaryBuilder {
  return new RunSummaryBuilder(info, { groupBy: COMPARE_GROUP_BY, optionalGroupBy: ['payloadIndex'] });
}

/** Both sides finished over the same group fields (payload included when either run has several payloads), as the results explorer pairs them. */
export function comparedRuns(a: RunSummaryBuilder, b: RunSummaryBuilder): [ComparedRun, ComparedRun] {
  const include: GroupField[] = a.distinctValues('payloadIndex') > 1 || b.distinctValues('payloadIndex') > 1 ? ['payloadIndex'] : [];
  const finish = (side: RunSummaryBuilder): ComparedRun => ({ summary: side.finish(include), timings: side.timings(include) });
  return [finish(a), finish(b)];
}

export function checkRegressions(before: RunData, after: RunData, checks: readonly FailIf[]): RegressionResult {
  const sides = [before, after].map((data) => {
    const builder = comparisonBuilder(data.info);
    for (const r of data.records) builder.add(r);
    return builder;
  });
  return checkComparedRuns(...comparedRuns(sides[0], sides[1]), checks);
}

export function checkComparedRuns(a: ComparedRun, b: ComparedRun, checks: readonly FailIf[]): RegressionResult {
  const rows: RegressionRow[] = [];
  for (const g of a.summary.groups) {
    const h = b.summary.groups.find((x) => x.label === g.label);
    if (!h) continue;
    for (const check of checks) {
      const row = compareMetric(g.label, check, g, h, a.timings.get(g.label), b.timings.get(g.label));
      if (row) rows.push(row);
    }
  }
  const labels = (groups: GroupSummary[]) => new Set(groups.map((g) => g.label));
  const inA = labels(a.summary.groups);
  const inB = labels(b.summary.groups);
  return {
    rows,
    failed: rows.filter((r) => r.verdict === 'worse'),
    onlyBefore: [...inA].filter((l) => !inB.has(l)),
    onlyAfter: [...inB].filter((l) => !inA.has(l)),
  };
}

function compareMetric(group: string, check: FailIf, x: GroupSummary, y: GroupSummary, xs: GroupTimings | undefined, ys: GroupTimings | undefined): RegressionRow | undefined {
  const sx = x[check.measure];
  const sy = y[check.measure];
  if (!sx || !sy) return undefined;
  const before = sx[check.stat];
  const after = sy[check.stat];
  const beforeCi = intervalOf(sx, check, xs);
  const afterCi = intervalOf(sy, check, ys);
  const overlap = intervalsOverlap(beforeCi, afterCi);
  const allowed = 'pct' in check.bound ? before * (1 + check.bound.pct / 100) : before + check.bound.ms;
  const beyondBound = after > allowed;
  const verdict: RegressionVerdict = overlap ? 'same' : after > before ? (beyondBound ? 'worse' : 'same') : 'better';
  return { group, check, before, after, changePct: before === 0 ? null : ((after - before) / before) * 100, beforeCi, afterCi, overlap, beyondBound, verdict };
}

function intervalOf(stats: MetricStats, check: FailIf, timings: GroupTimings | undefined): [number, number] {
  if (check.stat === 'mean') return [stats.ciLow ?? -Infinity, stats.ciHigh ?? Infinity];
  const ci = percentileCi(timings?.[check.measure] ?? new Float64Array(0), Number(check.stat.slice(1)) / 100);
  return [ci.low, ci.high];
}

/** One screen: a row per group and metric, then what failed. */
export function formatRegressions(result: RegressionResult, failing: boolean): string {
  const interval = ([low, high]: [number, number]) => `${Number.isFinite(low) ? ms(low) : '−∞'}…${Number.isFinite(high) ? ms(high) : '∞'}`;
  const rows = result.rows.map((r) => [
    r.group,
    `${r.check.measure === 'runtime' ? 'runtime ' : ''}${r.check.stat}`,
    `${ms(r.before)} → ${ms(r.after)}`,
    signedPercent(r.changePct),
    `${interval(r.beforeCi)} vs ${interval(r.afterCi)}`,
    failing && r.verdict === 'worse' ? `FAIL (${r.check.text})` : r.verdict === 'same' && r.beyondBound ? 'same (intervals overlap)' : r.verdict,
  ]);
  const lines = table(['group', 'metric', 'A → B', 'change', '95% intervals', 'verdict'], rows, [false, false, true, true, true, false]);
  if (result.onlyBefore.length) lines.push(`Only in A: ${result.onlyBefore.join(', ')}`);
  if (result.onlyAfter.length) lines.push(`Only in B: ${result.onlyAfter.join(', ')}`);
  if (failing) {
    lines.push(
      result.failed.length === 0
        ? `No regression: nothing got worse beyond its bound with the intervals apart (${count(result.rows.length)} check${result.rows.length === 1 ? '' : 's'}).`
        : `${count(result.failed.length)} regression${result.failed.length === 1 ? '' : 's'}: worse beyond the bound and the 95% intervals do not overlap.`,
    );
  }
  return lines.join('\n') + '\n';
}
