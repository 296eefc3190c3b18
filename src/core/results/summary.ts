// The typed, JSON-serialisable summary of a run that the CLI (`report`, `--json`), the results
// explorer and the end-of-run table all read: per-group statistics, cold starts, CPU, concurrency
// and cost. Built in one pass over the records plus one sort per metric per group.
import type { InvocationStatus, PlatformId } from '../model';
import type { InvocationRecord } from './record';
import { createAnalyses, type RunAnalyses } from './analyses';
import type { RecommendationSpec } from './recommendation';
import type { IdleSearchOutcome } from './run-info';
import type { ConcurrencyTimeline } from './concurrency';
import { concurrencyTimeline } from './concurrency';
import { create as createNested, type NestedSummary } from './nested';
import type { CostOptions, MemoryCostPoint, RecordsCost, TradeOff } from './cost';
import { costByMemory, costOfRecords, pickTradeOffs } from './cost';
import type { PriceTable } from './prices';
import { DEFAULT_PRICES } from './prices';
import type { MetricStats } from './stats';
import { describe, mean } from './stats';

/** What the caller knows about the run; store.ts's RunInfo satisfies it. */
export interface RunInfoLike {
  runId: string;
  experiment: string;
  startedAt?: string;
  endedAt?: string;
  status?: string;
  /** run.json's idle search outcome, printed by the report. */
  idleSearch?: IdleSearchOutcome[];
  /** The payload weights (the memory trade-off weighs each payload's median) and the recommendation's strategy. */
  spec?: RecommendationSpec & { payloadWeights?: number[] };
}

export const GROUP_FIELDS = ['function', 'platform', 'memoryMB', 'payloadIndex', 'cold', 'step'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];
export const DEFAULT_GROUP_BY: readonly GroupField[] = ['memoryMB', 'platform'];

/** A group's value for each field it is grouped by. `cold` is 'unknown' when no one could tell. */
export interface GroupKey {
  function?: string;
  platform?: PlatformId;
  memoryMB?: number;
  payloadIndex?: number;
  cold?: 'cold' | 'warm' | 'unknown';
  /** Load sweeps: the 0-based step and its load (threads, rps or burst size). */
  step?: number;
  stepLoad?: number;
}

/** Per-call means of the CPU counters, for the stacked CPU chart. Each entry: mean and how many calls had it. */
export const CPU_FIELDS = [
  'processCpuUserMs',
  'processCpuKernelMs',
  'cpuUserDelta',
  'cpuNiceDelta',
  'cpuKernelDelta',
  'cpuIdleDelta',
  'cpuIOWaitDelta',
  'cpuIrqDelta',
  'cpuSoftIrqDelta',
  'cpuStealDelta',
  'contextSwitchesDelta',
  'pageFaultsDelta',
] as const;
export type CpuField = (typeof CPU_FIELDS)[number];
export type CpuMeans = Partial<Record<CpuField, { mean: number; n: number }>>;

export interface ColdStartSummary {
  /** Calls whose cold/warm state is known, and how many of them were cold. */
  known: number;
  cold: number;
  /** cold / known; absent when nothing is known. */
  rate?: number;
  /** Mean platform-reported init duration of cold calls that report one. */
  meanInitDurationMs?: number;
  initReported: number;
  /** Mean round trip of ok cold and ok warm calls: the cold-start penalty at a glance. */
  meanColdRoundTripMs?: number;
  meanWarmRoundTripMs?: number;
}

export interface StatusCounts {
  ok: number;
  error: number;
  timeout: number;
  throttled: number;
}

export interface GroupSummary {
  key: GroupKey;
  /** e.g. "aws · 256 MB"; stable order of fields as in GROUP_FIELDS. */
  label: string;
  n: number;
  statuses: StatusCounts;
  /** Throttled attempts that were retried before the recorded result. */
  retries: number;
  /** Timing statistics over the calls that have the metric (ok calls only unless timingsFrom is 'all'). */
  roundTripMs?: MetricStats;
  runtime?: MetricStats;
  latencyMs?: MetricStats;
  coldStarts: ColdStartSummary;
  cpu: CpuMeans;
  cost: RecordsCost;
}

export interface MemorySummary extends MemoryCostPoint {
  cpu: CpuMeans;
}

export interface RunSummary {
  schemaVersion: 1;
  run: RunInfoLike & { durationMs?: number };
  functions: string[];
  platforms: PlatformId[];
  options: { groupBy: GroupField[]; confidence: number; timingsFrom: 'ok' | 'all' };
  counts: StatusCounts & {
    /** Every record in the run, warm-ups included. */
    records: number;
    /** Records the statistics are over. */
    summarized: number;
    warmupExcluded: number;
    retries: number;
  };
  groups: GroupSummary[];
  coldStarts: ColdStartSummary;
  /** Over the summarized calls; timeline buckets for the chart. */
  concurrency?: ConcurrencyTimeline;
  /** Time per hop and double billing, when the function called others (context.invoke). */
  nested?: NestedSummary;
  /** Cost-vs-duration points and CPU means per function × platform × memory size. */
  byMemory: MemorySummary[];
  tradeOffs: TradeOff[];
  cost: {
    /** Everything the run cost, warm-up calls included (they were paid for too). */
    totalUSD: number;
    warmupUSD: number;
    summarized: RecordsCost;
    /** Where each platform's prices come from. */
    prices: Partial<Record<PlatformId, { source: string; readOn: string; region: string; variant: string }>>;
  };
  analyses: RunAnalyses;
}

export interface SummaryOptions {
  groupBy?: readonly GroupField[];
  /** Confidence level of the interval of the mean; default 0.95. */
  confidence?: number;
  /** 'ok' (default): timing statistics over successful calls only, as FaaS Runner reports; 'all': every call with the metric. */
  timingsFrom?: 'ok' | 'all';
  prices?: PriceTable;
  cost?: CostOptions;
  /** Width of the concurrency/throughput timeline buckets; default: ~100 buckets. */
  bucketMs?: number;
}

export function groupKeyOf(r: InvocationRecord, fields: readonly GroupField[]): GroupKey {
  const key: GroupKey = {};
  for (const f of fields) {
    if (f === 'cold') key.cold = r.cold === undefined ? 'unknown' : r.cold ? 'cold' : 'warm';
    else if (f === 'function') key.function = r.function;
    else if (f === 'platform') key.platform = r.platform;
    else if (f === 'memoryMB') key.memoryMB = r.memoryMB;
    else if (f === 'step') {
      if (r.step !== undefined) key.step = r.step;
      if (r.stepLoad !== undefined) key.stepLoad = r.stepLoad;
    } else key.payloadIndex = r.payloadIndex;
  }
  return key;
}

export function groupLabel(key: GroupKey): string {
  const parts: string[] = [];
  if (key.function !== undefined) parts.push(key.function);
  if (key.platform !== undefined) parts.push(key.platform);
  if (key.memoryMB !== undefined) parts.push(`${key.memoryMB} MB`);
  if (key.payloadIndex !== undefined) parts.push(`payload ${key.payloadIndex}`);
  if (key.step !== undefined) parts.push(`step ${key.step + 1}${key.stepLoad !== undefined ? ` (load ${key.stepLoad})` : ''}`);
  if (key.cold !== undefined) parts.push(key.cold);
  return parts.join(' · ') || 'all calls';
}

/** Records split by the given fields, in a stable, readable order. */
export function groupRecords(records: readonly InvocationRecord[], fields: readonly GroupField[]): Array<{ key: GroupKey; records: InvocationRecord[] }> {
  const groups = new Map<string, { key: GroupKey; records: InvocationRecord[] }>();
  for (const r of records) {
    // A concatenated id is several times faster than JSON.stringify over 100k records.
    let id = '';
    for (const f of fields) id += `${r[f]}\u0001`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key: groupKeyOf(r, fields), records: [] }));
    g.records.push(r);
  }
  const coldOrder = { cold: 0, warm: 1, unknown: 2 };
  return [...groups.values()].sort((a, b) => {
    const x = a.key;
    const y = b.key;
    return (
      (x.function ?? '').localeCompare(y.function ?? '') ||
      (x.platform ?? '').localeCompare(y.platform ?? '') ||
      (x.memoryMB ?? 0) - (y.memoryMB ?? 0) ||
      (x.payloadIndex ?? 0) - (y.payloadIndex ?? 0) ||
      (x.step ?? 0) - (y.step ?? 0) ||
      coldOrder[x.cold ?? 'unknown'] - coldOrder[y.cold ?? 'unknown']
    );
  });
}

export function countStatuses(records: readonly InvocationRecord[]): StatusCounts {
  const counts: Record<InvocationStatus, number> = { ok: 0, error: 0, timeout: 0, throttled: 0 };
  for (const r of records) counts[r.status]++;
  return counts;
}

export function coldStartSummary(records: readonly InvocationRecord[]): ColdStartSummary {
  let known = 0;
  let cold = 0;
  const inits: number[] = [];
  const coldRt: number[] = [];
  const warmRt: number[] = [];
  for (const r of records) {
    if (r.cold === undefined) continue;
    known++;
    if (r.cold) {
      cold++;
      if (r.initDurationMs !== undefined) inits.push(r.initDurationMs);
    }
    if (r.status === 'ok') (r.cold ? coldRt : warmRt).push(r.roundTripMs);
  }
  const out: ColdStartSummary = { known, cold, initReported: inits.length };
  if (known > 0) out.rate = cold / known;
  const mi = mean(inits);
  if (mi !== undefined) out.meanInitDurationMs = mi;
  const mc = mean(coldRt);
  if (mc !== undefined) out.meanColdRoundTripMs = mc;
  const mw = mean(warmRt);
  if (mw !== undefined) out.meanWarmRoundTripMs = mw;
  return out;
}

export function cpuMeans(records: readonly InvocationRecord[]): CpuMeans {
  const sums = new Float64Array(CPU_FIELDS.length);
  const counts = new Uint32Array(CPU_FIELDS.length);
  for (const r of records) {
    for (let i = 0; i < CPU_FIELDS.length; i++) {
      const v = r[CPU_FIELDS[i]];
      if (v !== undefined) {
        sums[i] += v;
        counts[i]++;
      }
    }
  }
  const out: CpuMeans = {};
  CPU_FIELDS.forEach((f, i) => {
    if (counts[i] > 0) out[f] = { mean: sums[i] / counts[i], n: counts[i] };
  });
  return out;
}

/** One group's statistics. Timing metrics use only the calls that have them (runtime is absent on platform errors). */
export function summarizeGroup(
  key: GroupKey,
  records: readonly InvocationRecord[],
  options: Pick<SummaryOptions, 'confidence' | 'timingsFrom' | 'prices' | 'cost'> = {},
): GroupSummary {
  const confidence = options.confidence ?? 0.95;
  const timed = (options.timingsFrom ?? 'ok') === 'all' ? records : records.filter((r) => r.status === 'ok');
  const roundTrips: number[] = [];
  const runtimes: number[] = [];
  const latencies: number[] = [];
  for (const r of timed) {
    roundTrips.push(r.roundTripMs);
    if (r.runtime !== undefined) runtimes.push(r.runtime);
    if (r.latencyMs !== undefined) latencies.push(r.latencyMs);
  }
  let retries = 0;
  for (const r of records) retries += r.retries;
  const g: GroupSummary = {
    key,
    label: groupLabel(key),
    n: records.length,
    statuses: countStatuses(records),
    retries,
    coldStarts: coldStartSummary(records),
    cpu: cpuMeans(records),
    cost: costOfRecords(records, options.prices ?? DEFAULT_PRICES, options.cost),
  };
  const rt = describe(roundTrips, confidence);
  if (rt) g.roundTripMs = rt;
  const run = describe(runtimes, confidence);
  if (run) g.runtime = run;
  const lat = describe(latencies, confidence);
  if (lat) g.latencyMs = lat;
  return g;
}

/** Builds the run's summary. Warm-up records are counted (`warmupExcluded`) but left out of every statistic. */
export function summarizeRun(info: RunInfoLike, records: readonly InvocationRecord[], options: SummaryOptions = {}): RunSummary {
  const groupBy = [...(options.groupBy ?? DEFAULT_GROUP_BY)];
  for (const f of groupBy) {
    if (!(GROUP_FIELDS as readonly string[]).includes(f)) throw new RangeError(`cannot group by "${f}": use ${GROUP_FIELDS.join(', ')}`);
  }
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  const timingsFrom = options.timingsFrom ?? 'ok';
  const prices = options.prices ?? DEFAULT_PRICES;

  const measured: InvocationRecord[] = [];
  const warmups: InvocationRecord[] = [];
  for (const r of records) (r.warmup ? warmups : measured).push(r);
  const analyses = createAnalyses(info, { confidence, prices, cost: options.cost });
  for (const r of measured) analyses.add(r);

  const functions = [...new Set(records.map((r) => r.function))].sort();
  const platforms = [...new Set(records.map((r) => r.platform))].sort();
  let retries = 0;
  for (const r of measured) retries += r.retries;

  // A load sweep's steps are summarised apart, as memory sizes are.
  if (!groupBy.includes('step') && new Set(measured.map((r) => r.step)).size > 1) groupBy.push('step');
  const groups = groupRecords(measured, groupBy).map((g) =>
    summarizeGroup(g.key, g.records, { confidence, timingsFrom, prices, cost: options.cost }),
  );

  const points = costByMemory(measured, prices, options.cost, info.spec?.payloadWeights);
  const cpuBySize = new Map<string, CpuMeans>();
  for (const g of groupRecords(measured, ['function', 'platform', 'memoryMB'])) {
    cpuBySize.set(`${g.key.function}\u0001${g.key.platform}\u0001${g.key.memoryMB}`, cpuMeans(g.records));
  }
  const byMemory: MemorySummary[] = points.map((p) => ({ ...p, cpu: cpuBySize.get(`${p.function}\u0001${p.platform}\u0001${p.memoryMB}`) ?? {} }));

  const summarizedCost = costOfRecords(measured, prices, options.cost);
  const warmupCost = costOfRecords(warmups, prices, options.cost);
  const priceSources: RunSummary['cost']['prices'] = {};
  for (const p of platforms) {
    const table = prices[p];
    const variant = options.cost?.variants?.[p];
    priceSources[p] = {
      source: table.source,
      readOn: table.readOn,
      region: table.region,
      variant: variant !== undefined && table.variants[variant] ? variant : table.defaultVariant,
    };
  }

  const run: RunSummary['run'] = { ...pickRunInfo(info) };
  const durationMs = runDurationMs(info, records);
  if (durationMs !== undefined) run.durationMs = durationMs;

  const summary: RunSummary = {
    schemaVersion: 1,
    run,
    functions,
    platforms,
    options: { groupBy, confidence, timingsFrom },
    counts: {
      records: records.length,
      summarized: measured.length,
      warmupExcluded: warmups.length,
      retries,
      ...countStatuses(measured),
    },
    groups,
    coldStarts: coldStartSummary(measured),
    byMemory,
    tradeOffs: pickTradeOffs(points),
    cost: {
      totalUSD: summarizedCost.totalUSD + warmupCost.totalUSD,
      warmupUSD: warmupCost.totalUSD,
      summarized: summarizedCost,
      prices: priceSources,
    },
    analyses: analyses.finish(),
  };
  const timeline = concurrencyTimeline(measured, { bucketMs: options.bucketMs });
  if (timeline) summary.concurrency = timeline;
  const nested = createNested();
  for (const r of measured) nested.add(r);
  const nestedSummary = nested.finish();
  if (nestedSummary) summary.nested = nestedSummary;
  return summary;
}

function pickRunInfo(info: RunInfoLike): RunInfoLike {
  // Copy only the known fields: store.ts's RunInfo may carry more than a summary should repeat.
  const out: RunInfoLike = { runId: info.runId, experiment: info.experiment };
  if (info.startedAt !== undefined) out.startedAt = info.startedAt;
  if (info.endedAt !== undefined) out.endedAt = info.endedAt;
  if (info.status !== undefined) out.status = info.status;
  if (info.idleSearch !== undefined) out.idleSearch = info.idleSearch;
  return out;
}

/** Wall time of the run: from run.json's start/end when both are known, else the client-side span of its calls. */
function runDurationMs(info: RunInfoLike, records: readonly InvocationRecord[]): number | undefined {
  const start = info.startedAt ? Date.parse(info.startedAt) : NaN;
  const end = info.endedAt ? Date.parse(info.endedAt) : NaN;
  if (Number.isFinite(start) && Number.isFinite(end) && end >= start) return end - start;
  if (records.length === 0) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (const r of records) {
    if (r.clientStart < first) first = r.clientStart;
    if (r.clientEnd > last) last = r.clientEnd;
  }
  return last - first;
}
