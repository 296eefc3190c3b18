// Records + the summary module's statistics -> the compact, chart-ready RunView the results
// webview draws. Pure (no vscode, no I/O): runs in the extension host and in plain unit tests.
import { count, duration, usd } from '../../format';
import type { InvocationRecord } from '../record';
import type { MetricStats } from '../stats';
import { describe } from '../stats';
import { groupLabel, groupRecords, summarizeRun, type GroupField, type GroupSummary, type RunInfoLike, type RunSummary } from '../summary';
import { distribution } from './distribution';
import { experimentSeries } from './experiments';
import { memorySeries, targetLabel } from './memory';
import { filterByResponse, responseCells, responseNotes, responseView, type ResponseFilter } from './response';
import { timeline } from './timeline';
import type { ColdWarmStats, DistributionMetric, GroupView, MetricCells, RunView, StatsRow } from './types';

export interface RunData {
  runDir: string;
  info: RunInfoLike & { platforms?: readonly string[] };
  records: readonly InvocationRecord[];
  /** Lines of invocations.jsonl the store skipped, and why. */
  problems?: readonly string[];
}

/** Function × platform × memory size, and payload too when the run used more than one. */
export function groupFieldsFor(records: readonly InvocationRecord[]): GroupField[] {
  const payloads = new Set<number>();
  for (const r of records) if (!r.warmup) payloads.add(r.payloadIndex);
  return payloads.size > 1 ? ['function', 'platform', 'memoryMB', 'payloadIndex'] : ['function', 'platform', 'memoryMB'];
}

export function shapeRun(input: RunData, options: { live?: boolean; groupBy?: GroupField[]; filter?: ResponseFilter } = {}): RunView {
  const groupBy = options.groupBy ?? groupFieldsFor(input.records);
  // The filter applies before anything is counted; the fields it chooses from are every call's.
  const data = options.filter ? { ...input, records: filterByResponse(input.records, options.filter) } : input;
  const response = responseView(input.records, data.records, options.filter);
  const summary = summarizeRun(data.info, data.records, { groupBy });
  const measured = data.records.filter((r) => !r.warmup);
  const recordsByLabel = new Map(groupRecords(measured, groupBy).map((g) => [groupLabel(g.key), g.records]));
  const groups = summary.groups.map((g) => groupView(g, recordsByLabel.get(g.label) ?? []));
  const view: RunView = {
    runDir: data.runDir,
    title: data.info.experiment,
    subtitle: subtitle(data, summary),
    live: options.live ?? data.info.status === 'running',
    totals: {
      records: summary.counts.records,
      summarized: summary.counts.summarized,
      failed: summary.counts.summarized - summary.counts.ok,
      warmupExcluded: summary.counts.warmupExcluded,
    },
    groups,
    memory: memorySeries(summary, measured),
    table: summary.groups.map((g) => {
      const row = statsRow(g);
      if (response) row.response = responseCells(recordsByLabel.get(g.label) ?? [], response.fields);
      return row;
    }),
    notes: [...(response ? responseNotes(response, data.records) : []), ...notes(data, summary)],
    experiments: experimentSeries(summary.analyses),
  };
  if (response) view.response = response;
  const series = timeline(data.records);
  if (series) view.timeline = series;
  if (summary.nested) view.nested = summary.nested;
  return view;
}

function groupView(g: GroupSummary, records: readonly InvocationRecord[]): GroupView {
  const ok = records.filter((r) => r.status === 'ok');
  const roundTrips = ok.map((r) => r.roundTripMs);
  const runtimes = ok.flatMap((r) => (r.runtime === undefined ? [] : [r.runtime]));
  const view: GroupView = {
    key: g.label,
    label: g.label,
    target: targetLabel(g.key.function ?? '', g.key.platform ?? ''),
    memoryMB: g.key.memoryMB ?? 0,
    n: g.n,
    distributions: {},
  };
  if (roundTrips.length > 0) view.distributions.roundTripMs = distribution(roundTrips);
  if (runtimes.length > 0) view.distributions.runtime = distribution(runtimes);
  const cold = coldWarm(ok.filter((r) => r.cold === true));
  const warm = coldWarm(ok.filter((r) => r.cold === false));
  if (cold) view.cold = cold;
  if (warm) view.warm = warm;
  return view;
}

function coldWarm(records: readonly InvocationRecord[]): ColdWarmStats | undefined {
  const stats = describe(records.map((r) => r.roundTripMs));
  return stats && { n: stats.n, meanMs: stats.mean, p50Ms: stats.p50, p95Ms: stats.p95 };
}

export function cells(stats: MetricStats | undefined): MetricCells | undefined {
  if (!stats) return undefined;
  return { mean: stats.mean, ciLow: stats.ciLow ?? null, ciHigh: stats.ciHigh ?? null, p50: stats.p50, p90: stats.p90, p95: stats.p95, p99: stats.p99 };
}

function statsRow(g: GroupSummary): StatsRow {
  const metrics: Partial<Record<DistributionMetric, MetricCells>> = {};
  const rt = cells(g.roundTripMs);
  const run = cells(g.runtime);
  if (rt) metrics.roundTripMs = rt;
  if (run) metrics.runtime = run;
  return {
    key: g.label,
    label: g.label,
    n: g.n,
    failed: g.n - g.statuses.ok,
    metrics,
    coldStartRate: g.coldStarts.rate ?? null,
    costPerMillionUSD: g.cost.perMillionUSD ?? null,
  };
}

function subtitle(data: RunData, summary: RunSummary): string {
  const parts = [summary.platforms.join(', ') || 'no platform yet'];
  if (data.info.startedAt) parts.push(`started ${data.info.startedAt.slice(0, 19).replace('T', ' ')} UTC`);
  if (summary.run.durationMs !== undefined) parts.push(duration(summary.run.durationMs));
  parts.push(`${count(summary.counts.records)} calls`);
  if (data.info.status && data.info.status !== 'completed') parts.push(data.info.status.replace(/-/g, ' '));
  return parts.join(' · ');
}

function notes(data: RunData, summary: RunSummary): string[] {
  const out: string[] = [];
  if (summary.counts.warmupExcluded > 0) {
    out.push(`${count(summary.counts.warmupExcluded)} warm-up calls are left out of the statistics; the timeline shows them.`);
  }
  const noRuntime = summary.groups.filter((g) => g.statuses.ok > 0 && !g.runtime).map((g) => g.label);
  if (noRuntime.length > 0) out.push(`No function runtime reported for ${noRuntime.join(', ')}: runtime charts leave ${noRuntime.length === 1 ? 'it' : 'them'} out.`);
  if (summary.coldStarts.known === 0 && summary.counts.summarized > 0) out.push('No call said whether it was a cold start: the cold/warm chart is empty.');
  const basis = summary.cost.summarized.basis;
  if (basis === 'runtime') out.push('Cost is estimated from the function’s reported runtime (the platform reported no billed duration).');
  if (basis === 'roundTrip') out.push('Cost is estimated from the round trip (the platform reported neither billed duration nor runtime): an upper bound.');
  for (const [platform, p] of Object.entries(summary.cost.prices)) {
    if (platform !== 'local' && platform !== 'docker') out.push(`${platform} prices: ${p.variant}, ${p.region}, read ${p.readOn} from ${p.source}.`);
  }
  if (summary.cost.totalUSD > 0) out.push(`The run cost about ${usd(summary.cost.totalUSD)} at list price.`);
  for (const problem of data.problems ?? []) out.push(problem);
  return out;
}
