// The typed, JSON-serialisable summary of a run that the CLI (`report`, `--json`), the results
// explorer and the end-of-run table all read: per-group statistics, cold starts, CPU, concurrency
// and cost. Built in one pass over the records (RunSummaryBuilder: a streamed run need not be held)
// plus one sort per metric per group.
import type { InvocationStatus, PlatformId } from '../model';
import type { InvocationRecord } from './record';
import { createAnalyses, type RunAnalyses } from './analyses';
import type { RecommendationSpec } from './recommendation';
import type { IdleSearchOutcome } from './run-info';
import type { ConcurrencyTimeline } from './concurrency';
import { CallColumns, concurrencyTimeline } from './concurrency';
import { create as createNested, type NestedSummary } from './nested';
import type { CostOptions, MemoryCostPoint, RecordsCost, TradeOff } from './cost';
import { CostAccumulator, MemoryCostAccumulator, pickTradeOffs } from './cost';
import { Float64Column } from './column';
import type { PriceTable } from './prices';
import { DEFAULT_PRICES } from './prices';
import type { MetricStats } from './stats';
import { describeSorted } from './stats';

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
  return [...groups.values()].sort((a, b) => compareKeys(a.key, b.key));
}

export function countStatuses(records: readonly InvocationRecord[]): StatusCounts {
  const counts: Record<InvocationStatus, number> = { ok: 0, error: 0, timeout: 0, throttled: 0 };
  for (const r of records) counts[r.status]++;
  return counts;
}

/** coldStartSummary one record at a time: counts and running sums (added in record order, as before). */
class ColdStartAccumulator {
  private known = 0;
  private cold = 0;
  private initSum = 0;
  private inits = 0;
  private coldRtSum = 0;
  private coldRts = 0;
  private warmRtSum = 0;
  private warmRts = 0;

  add(r: InvocationRecord): void {
    if (r.cold === undefined) return;
    this.known++;
    if (r.cold) {
      this.cold++;
      if (r.initDurationMs !== undefined) {
        this.initSum += r.initDurationMs;
        this.inits++;
      }
    }
    if (r.status !== 'ok') return;
    if (r.cold) {
      this.coldRtSum += r.roundTripMs;
      this.coldRts++;
    } else {
      this.warmRtSum += r.roundTripMs;
      this.warmRts++;
    }
  }

  finish(): ColdStartSummary {
    const out: ColdStartSummary = { known: this.known, cold: this.cold, initReported: this.inits };
    if (this.known > 0) out.rate = this.cold / this.known;
    if (this.inits > 0) out.meanInitDurationMs = this.initSum / this.inits;
    if (this.coldRts > 0) out.meanColdRoundTripMs = this.coldRtSum / this.coldRts;
    if (this.warmRts > 0) out.meanWarmRoundTripMs = this.warmRtSum / this.warmRts;
    return out;
  }
}

export function coldStartSummary(records: readonly InvocationRecord[]): ColdStartSummary {
  const acc = new ColdStartAccumulator();
  for (const r of records) acc.add(r);
  return acc.finish();
}

class CpuAccumulator {
  private readonly sums = new Float64Array(CPU_FIELDS.length);
  private readonly counts = new Uint32Array(CPU_FIELDS.length);

  add(r: InvocationRecord): void {
    for (let i = 0; i < CPU_FIELDS.length; i++) {
      const v = r[CPU_FIELDS[i]];
      if (v !== undefined) {
        this.sums[i] += v;
        this.counts[i]++;
      }
    }
  }

  finish(): CpuMeans {
    const out: CpuMeans = {};
    CPU_FIELDS.forEach((f, i) => {
      if (this.counts[i] > 0) out[f] = { mean: this.sums[i] / this.counts[i], n: this.counts[i] };
    });
    return out;
  }
}

export function cpuMeans(records: readonly InvocationRecord[]): CpuMeans {
  const acc = new CpuAccumulator();
  for (const r of records) acc.add(r);
  return acc.finish();
}

/** A group's calls as a summary needs them: counts, sums and a column per timing metric, no records. */
class GroupAccumulator {
  n = 0;
  private readonly statuses: StatusCounts = { ok: 0, error: 0, timeout: 0, throttled: 0 };
  private retries = 0;
  private readonly cold = new ColdStartAccumulator();
  private readonly cpu = new CpuAccumulator();
  private readonly cost: CostAccumulator;
  readonly roundTrips = new Float64Column();
  readonly runtimes = new Float64Column();
  readonly latencies = new Float64Column();

  constructor(private readonly options: Pick<SummaryOptions, 'confidence' | 'timingsFrom' | 'prices' | 'cost'>) {
    this.cost = new CostAccumulator(options.prices ?? DEFAULT_PRICES, options.cost);
  }

  add(r: InvocationRecord): void {
    this.n++;
    this.statuses[r.status]++;
    this.retries += r.retries;
    this.cold.add(r);
    this.cpu.add(r);
    this.cost.add(r);
    if ((this.options.timingsFrom ?? 'ok') !== 'all' && r.status !== 'ok') return;
    this.roundTrips.push(r.roundTripMs);
    if (r.runtime !== undefined) this.runtimes.push(r.runtime);
    if (r.latencyMs !== undefined) this.latencies.push(r.latencyMs);
  }

  finish(key: GroupKey): GroupSummary {
    const confidence = this.options.confidence ?? 0.95;
    const g: GroupSummary = {
      key,
      label: groupLabel(key),
      n: this.n,
      statuses: { ...this.statuses },
      retries: this.retries,
      coldStarts: this.cold.finish(),
      cpu: this.cpu.finish(),
      cost: this.cost.finish(),
    };
    const rt = describeSorted(this.roundTrips.sorted(), confidence);
    if (rt) g.roundTripMs = rt;
    const run = describeSorted(this.runtimes.sorted(), confidence);
    if (run) g.runtime = run;
    const lat = describeSorted(this.latencies.sorted(), confidence);
    if (lat) g.latencyMs = lat;
    return g;
  }
}

/** One group's statistics. Timing metrics use only the calls that have them (runtime is absent on platform errors). */
export function summarizeGroup(
  key: GroupKey,
  records: readonly InvocationRecord[],
  options: Pick<SummaryOptions, 'confidence' | 'timingsFrom' | 'prices' | 'cost'> = {},
): GroupSummary {
  const acc = new GroupAccumulator(options);
  for (const r of records) acc.add(r);
  return acc.finish(key);
}

/** Builds the run's summary. Warm-up records are counted (`warmupExcluded`) but left out of every statistic. */
export function summarizeRun(info: RunInfoLike, records: readonly InvocationRecord[], options: SummaryOptions = {}): RunSummary {
  const builder = new RunSummaryBuilder(info, options);
  for (const r of records) builder.add(r);
  return builder.finish();
}

/** The sorted timings of one group's summarized calls (the calls its timing statistics are over). */
export interface GroupTimings {
  roundTripMs: Float64Array;
  runtime: Float64Array;
}

const COLD_ORDER = { cold: 0, warm: 1, unknown: 2 };

function compareKeys(x: GroupKey, y: GroupKey): number {
  return (
    (x.function ?? '').localeCompare(y.function ?? '') ||
    (x.platform ?? '').localeCompare(y.platform ?? '') ||
    (x.memoryMB ?? 0) - (y.memoryMB ?? 0) ||
    (x.payloadIndex ?? 0) - (y.payloadIndex ?? 0) ||
    (x.step ?? 0) - (y.step ?? 0) ||
    COLD_ORDER[x.cold ?? 'unknown'] - COLD_ORDER[y.cold ?? 'unknown']
  );
}

/**
 * The run's summary built one record at a time, in one pass over a streamed run: per group only
 * counts, sums and Float64Array columns of the metrics it sorts (percentiles, intervals), so its
 * memory grows by a few dozen bytes per call, not by the call's record.
 *
 * Groups are kept per `groupBy` plus `step` plus `optionalGroupBy`: a field whose value never
 * changes over the summarized calls splits nothing, so `finish` can leave it out of the keys, and
 * a load sweep's steps (more than one step) are summarised apart without a second pass.
 */
export class RunSummaryBuilder {
  private readonly groupBy: GroupField[];
  private readonly fields: GroupField[];
  private readonly confidence: number;
  private readonly timingsFrom: 'ok' | 'all';
  private readonly prices: PriceTable;
  /** Per group: its first record (the key is taken from it) and its accumulator. */
  private readonly groups = new Map<string, { first: InvocationRecord; acc: GroupAccumulator }>();
  private readonly distinct = new Map<GroupField, Set<unknown>>();
  private readonly analyses: ReturnType<typeof createAnalyses>;
  private readonly nested = createNested();
  private readonly byMemory: MemoryCostAccumulator;
  private readonly cpuBySize = new Map<string, CpuAccumulator>();
  private readonly summarizedCost: CostAccumulator;
  private readonly warmupCost: CostAccumulator;
  private readonly measuredStatuses: StatusCounts = { ok: 0, error: 0, timeout: 0, throttled: 0 };
  private readonly coldStarts = new ColdStartAccumulator();
  private readonly calls = new CallColumns();
  private readonly functions = new Set<string>();
  private readonly platforms = new Set<PlatformId>();
  private records = 0;
  private measured = 0;
  private warmups = 0;
  private retries = 0;
  private firstStart = Infinity;
  private lastEnd = -Infinity;

  constructor(
    private readonly info: RunInfoLike,
    private readonly options: SummaryOptions & { optionalGroupBy?: readonly GroupField[] } = {},
  ) {
    this.groupBy = [...(options.groupBy ?? DEFAULT_GROUP_BY)];
    for (const f of [...this.groupBy, ...(options.optionalGroupBy ?? [])]) {
      if (!(GROUP_FIELDS as readonly string[]).includes(f)) throw new RangeError(`cannot group by "${f}": use ${GROUP_FIELDS.join(', ')}`);
    }
    this.confidence = options.confidence ?? 0.95;
    if (!(this.confidence > 0 && this.confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, got ${this.confidence}`);
    this.timingsFrom = options.timingsFrom ?? 'ok';
    this.prices = options.prices ?? DEFAULT_PRICES;
    this.fields = [...new Set<GroupField>([...this.groupBy, 'step', ...(options.optionalGroupBy ?? [])])];
    for (const f of this.fields) if (!this.groupBy.includes(f)) this.distinct.set(f, new Set());
    this.analyses = createAnalyses(info, { confidence: this.confidence, prices: this.prices, cost: options.cost });
    this.byMemory = new MemoryCostAccumulator(this.prices, options.cost, info.spec?.payloadWeights);
    this.summarizedCost = new CostAccumulator(this.prices, options.cost);
    this.warmupCost = new CostAccumulator(this.prices, options.cost);
  }

  add(r: InvocationRecord): void {
    this.records++;
    this.functions.add(r.function);
    this.platforms.add(r.platform);
    if (r.clientStart < this.firstStart) this.firstStart = r.clientStart;
    if (r.clientEnd > this.lastEnd) this.lastEnd = r.clientEnd;
    if (r.warmup) {
      this.warmups++;
      this.warmupCost.add(r);
      return;
    }
    this.measured++;
    this.retries += r.retries;
    this.measuredStatuses[r.status]++;
    this.analyses.add(r);
    this.nested.add(r);
    this.coldStarts.add(r);
    this.summarizedCost.add(r);
    this.byMemory.add(r);
    this.calls.push(r);
    const sizeId = `${r.function}\u0001${r.platform}\u0001${r.memoryMB}`;
    let cpu = this.cpuBySize.get(sizeId);
    if (!cpu) this.cpuBySize.set(sizeId, (cpu = new CpuAccumulator()));
    cpu.add(r);
    // A concatenated id is several times faster than JSON.stringify over 100k records.
    let id = '';
    for (const f of this.fields) id += `${r[f]}\u0001`;
    let g = this.groups.get(id);
    if (!g) {
      g = { first: r, acc: new GroupAccumulator({ confidence: this.confidence, timingsFrom: this.timingsFrom, prices: this.prices, cost: this.options.cost }) };
      this.groups.set(id, g);
      for (const [f, values] of this.distinct) values.add(r[f]);
    }
    g.acc.add(r);
  }

  /** How many values an optional group field took over the summarized calls so far. */
  distinctValues(field: GroupField): number {
    const values = this.distinct.get(field);
    if (!values) throw new RangeError(`${field} is grouped by already, or not an optional group field`);
    return values.size;
  }

  /**
   * The summary. `include`: the optional group fields to key the groups by (each must be one
   * that varies, or one whose value never changed: the groups cannot be merged after the fact).
   */
  finish(include: readonly GroupField[] = []): RunSummary {
    const groupBy = [...this.groupBy];
    // A load sweep's steps are summarised apart, as memory sizes are.
    if (!groupBy.includes('step') && this.distinctValues('step') > 1) groupBy.push('step');
    for (const f of include) if (!groupBy.includes(f)) groupBy.push(f);
    for (const [f, values] of this.distinct) {
      if (!groupBy.includes(f) && values.size > 1) throw new RangeError(`the groups differ in ${f}: include it in the summary's groups`);
    }
    const groups = [...this.groups.values()]
      .map((g) => g.acc.finish(groupKeyOf(g.first, groupBy)))
      .sort((a, b) => compareKeys(a.key, b.key));

    const points = this.byMemory.finish();
    const byMemory: MemorySummary[] = points.map((p) => ({ ...p, cpu: this.cpuBySize.get(`${p.function}\u0001${p.platform}\u0001${p.memoryMB}`)?.finish() ?? {} }));

    const platforms = [...this.platforms].sort();
    const summarizedCost = this.summarizedCost.finish();
    const warmupCost = this.warmupCost.finish();
    const priceSources: RunSummary['cost']['prices'] = {};
    for (const p of platforms) {
      const table = this.prices[p];
      const variant = this.options.cost?.variants?.[p];
      priceSources[p] = {
        source: table.source,
        readOn: table.readOn,
        region: table.region,
        variant: variant !== undefined && table.variants[variant] ? variant : table.defaultVariant,
      };
    }

    const run: RunSummary['run'] = { ...pickRunInfo(this.info) };
    const durationMs = runDurationMs(this.info, this.records > 0 ? { first: this.firstStart, last: this.lastEnd } : undefined);
    if (durationMs !== undefined) run.durationMs = durationMs;

    const summary: RunSummary = {
      schemaVersion: 1,
      run,
      functions: [...this.functions].sort(),
      platforms,
      options: { groupBy, confidence: this.confidence, timingsFrom: this.timingsFrom },
      counts: {
        records: this.records,
        summarized: this.measured,
        warmupExcluded: this.warmups,
        retries: this.retries,
        ...this.measuredStatuses,
      },
      groups,
      coldStarts: this.coldStarts.finish(),
      byMemory,
      tradeOffs: pickTradeOffs(points),
      cost: {
        totalUSD: summarizedCost.totalUSD + warmupCost.totalUSD,
        warmupUSD: warmupCost.totalUSD,
        summarized: summarizedCost,
        prices: priceSources,
      },
      analyses: this.analyses.finish(),
    };
    const timeline = concurrencyTimeline(this.calls, { bucketMs: this.options.bucketMs });
    if (timeline) summary.concurrency = timeline;
    const nestedSummary = this.nested.finish();
    if (nestedSummary) summary.nested = nestedSummary;
    return summary;
  }

  /** Per group label of the last `finish`'s keys: the sorted timings its statistics are over. */
  timings(include: readonly GroupField[] = []): Map<string, GroupTimings> {
    const groupBy = [...this.groupBy];
    if (!groupBy.includes('step') && this.distinctValues('step') > 1) groupBy.push('step');
    for (const f of include) if (!groupBy.includes(f)) groupBy.push(f);
    const out = new Map<string, GroupTimings>();
    for (const g of this.groups.values()) out.set(groupLabel(groupKeyOf(g.first, groupBy)), { roundTripMs: g.acc.roundTrips.sorted(), runtime: g.acc.runtimes.sorted() });
    return out;
  }
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
function runDurationMs(info: RunInfoLike, span: { first: number; last: number } | undefined): number | undefined {
  const start = info.startedAt ? Date.parse(info.startedAt) : NaN;
  const end = info.endedAt ? Date.parse(info.endedAt) : NaN;
  if (Number.isFinite(start) && Number.isFinite(end) && end >= start) return end - start;
  if (span === undefined) return undefined;
  return span.last - span.first;
}
