// Two runs side by side (before / after a code change): the same groups matched by name, and for
// each the change in median, tail, mean, cost and cold-start rate, called better, worse or same.
import { count } from '../../format';
import { intervalsOverlap } from '../overlap';
import { comparedRuns, comparisonBuilder, type ComparedRun } from '../regression';
import type { GroupSummary, GroupTimings, RunSummary, RunSummaryBuilder } from '../summary';
import { distribution } from './distribution';
import type { RunData } from './shape';
import type { ComparisonView, DeltaMetric, DistributionMetric, DistributionSeries, GroupComparison, MetricDelta } from './types';

/** Percentiles and cost: a change smaller than this (in %) is called 'same'. */
export const NOISE_PCT = 5;
/** Cold-start rate: a change smaller than this (in percentage points) is called 'same'. */
const NOISE_RATE_POINTS = 2;

/**
 * Both runs summarised over the same groups as `faas-lab compare` (regression.ts: function ·
 * platform · memory size, payload when either run has several, a load sweep's steps apart), and
 * the groups they share (by label), in the first run's order.
 */
export function pairRuns(before: RunData, after: RunData): { a: ComparedRun; b: ComparedRun; pairs: Array<{ label: string; before: GroupSummary; after: GroupSummary }> } {
  const [a, b] = comparedRuns(...([before, after].map((data) => {
    const builder = comparisonBuilder(data.info);
    for (const r of data.records) builder.add(r);
    return builder;
  }) as [RunSummaryBuilder, RunSummaryBuilder]));
  const pairs = a.summary.groups.flatMap((g) => {
    const h = b.summary.groups.find((x) => x.label === g.label);
    return h ? [{ label: g.label, before: g, after: h }] : [];
  });
  return { a, b, pairs };
}

export function shapeComparison(before: RunData, after: RunData): ComparisonView {
  const { a, b, pairs } = pairRuns(before, after);
  const groups: GroupComparison[] = [];
  for (const { before: g, after: h } of pairs) {
    const distributions: GroupComparison['distributions'] = {};
    for (const metric of ['roundTripMs', 'runtime'] as const) {
      const x = series(a.timings.get(g.label), metric);
      const y = series(b.timings.get(g.label), metric);
      if (x && y) distributions[metric] = { before: x, after: y };
    }
    groups.push({ key: g.label, label: g.label, deltas: groupDeltas(g, h), distributions });
  }
  const labels = (s: RunSummary) => new Set(s.groups.map((g) => g.label));
  const inA = labels(a.summary);
  const inB = labels(b.summary);
  const notes: string[] = [];
  if (before.info.experiment !== after.info.experiment) notes.push(`Different experiments: ${before.info.experiment} and ${after.info.experiment}.`);
  if (groups.length === 0) notes.push('The runs share no function · platform · memory size: nothing to compare.');
  notes.push(`Means are called changed only when their 95% confidence intervals do not overlap; other figures when they move by ${NOISE_PCT}% or more (cold-start rate: ${NOISE_RATE_POINTS} points).`);
  return {
    before: runLabel(before, a.summary),
    after: runLabel(after, b.summary),
    groups,
    onlyBefore: [...inA].filter((l) => !inB.has(l)),
    onlyAfter: [...inB].filter((l) => !inA.has(l)),
    notes,
  };
}

/** A group's ok calls (the ones its statistics are over), as a histogram and CDF. */
function series(timings: GroupTimings | undefined, metric: DistributionMetric): DistributionSeries | undefined {
  const values = timings?.[metric];
  return values && values.length > 0 ? distribution(values) : undefined;
}

function runLabel(data: RunData, summary: RunSummary): ComparisonView['before'] {
  const started = data.info.startedAt ? `started ${data.info.startedAt.slice(0, 19).replace('T', ' ')} UTC · ` : '';
  return { runDir: data.runDir, title: `${data.info.experiment} · ${runName(data.info.runId)}`, subtitle: `${started}${count(summary.counts.summarized)} calls` };
}

/** `hello/2026-11-23T09-00-00-000Z` → `2026-11-23 09:00:00` (the store's folder names are UTC times). */
function runName(runId: string): string {
  const name = runId.split('/').pop() ?? runId;
  return name.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}).*$/, '$1 $2:$3:$4');
}

/** Every metric both groups have, in DELTA_METRICS order. */
function groupDeltas(before: GroupSummary, after: GroupSummary): MetricDelta[] {
  const out: MetricDelta[] = [];
  const push = (metric: DeltaMetric, x: number | undefined, y: number | undefined, ci?: { x: [number, number]; y: [number, number] }) => {
    if (x === undefined || y === undefined) return;
    out.push(delta(metric, x, y, ci));
  };
  for (const [metric, prefix] of [
    ['roundTripMs', 'roundTrip'],
    ['runtime', 'runtime'],
  ] as const) {
    const x = before[metric];
    const y = after[metric];
    push(`${prefix}P50Ms`, x?.p50, y?.p50);
    push(`${prefix}P95Ms`, x?.p95, y?.p95);
    const ci = x?.ciLow !== undefined && x.ciHigh !== undefined && y?.ciLow !== undefined && y.ciHigh !== undefined ? { x: [x.ciLow, x.ciHigh] as [number, number], y: [y.ciLow, y.ciHigh] as [number, number] } : undefined;
    push(`${prefix}MeanMs`, x?.mean, y?.mean, ci);
  }
  const costX = before.cost.perMillionUSD;
  const costY = after.cost.perMillionUSD;
  // Both free (local platform): there is no cost to compare.
  if (!(costX === 0 && costY === 0)) push('costPerMillionUSD', costX, costY);
  push('coldStartRate', before.coldStarts.rate, after.coldStarts.rate);
  return out;
}

/** One metric's change; lower is better for all of them. */
export function delta(metric: DeltaMetric, before: number, after: number, ci?: { x: [number, number]; y: [number, number] }): MetricDelta {
  const changePct = before === 0 ? null : ((after - before) / before) * 100;
  const direction = after < before ? 'better' : 'worse';
  const out: MetricDelta = { metric, before, after, changePct, verdict: 'same' };
  if (ci) {
    out.ciOverlap = intervalsOverlap(ci.x, ci.y);
    out.verdict = out.ciOverlap ? 'same' : direction;
  } else if (metric === 'coldStartRate') {
    out.verdict = Math.abs(after - before) * 100 < NOISE_RATE_POINTS ? 'same' : direction;
  } else if (changePct === null) {
    out.verdict = after === 0 ? 'same' : 'worse';
  } else {
    out.verdict = Math.abs(changePct) < NOISE_PCT ? 'same' : direction;
  }
  return out;
}
