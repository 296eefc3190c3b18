// What the recorded calls cost at list price, per call, per run and per million calls, and which
// memory size gives the best cost/speed trade-off.
import type { PlatformId } from '../model';
import type { InvocationRecord } from './record';
import type { RateCard, PriceTable } from './prices';
import { DEFAULT_PRICES, rateCardFor } from './prices';
import { Float64Column } from './column';
import { percentileSorted } from './stats';

// Callers that only cost calls (the experiment budget) take the table type from here.
export type { PriceTable } from './prices';

/** Which duration a cost was computed from, best first. */
export type CostBasis = 'billed' | 'runtime' | 'roundTrip';

/** Duration the platform bills for a call of `durationMs`: rounded up to its increment, at least its minimum. */
export function billedDurationMs(durationMs: number, card: RateCard): number {
  if (!(durationMs >= 0)) throw new RangeError(`duration must be >= 0 ms, got ${durationMs}`);
  const step = card.billingIncrementMs;
  // The small tolerance keeps float noise (e.g. 300.00000000000006 ms) from billing a whole extra step.
  const rounded = Math.ceil(durationMs / step - 1e-9) * step;
  return Math.max(card.minimumBilledMs, rounded);
}

/** Memory the platform bills for: the configured size, or (Azure Consumption) the used size rounded and clamped. */
export function billedMemoryMB(memoryMB: number, card: RateCard): number {
  if (card.memoryBasis !== 'observed') return memoryMB;
  let mb = memoryMB;
  if (card.memoryRoundingMB) mb = Math.ceil(mb / card.memoryRoundingMB) * card.memoryRoundingMB;
  if (card.minimumBilledMemoryMB !== undefined) mb = Math.max(mb, card.minimumBilledMemoryMB);
  if (card.maximumBilledMemoryMB !== undefined) mb = Math.min(mb, card.maximumBilledMemoryMB);
  return mb;
}

/** vCPU billed for a memory size where CPU is priced separately; 0 where it is not. */
export function billedVcpu(memoryMB: number, card: RateCard): number {
  if (!card.perVcpuSecondUSD || !card.vcpuByMemoryMB?.length) return 0;
  const rows = card.vcpuByMemoryMB;
  return (rows.find((r) => memoryMB <= r.upToMemoryMB) ?? rows[rows.length - 1]).vcpu;
}

/**
 * List-price cost of one call: request charge + billed duration × (GB × $/GB-s + vCPU × $/vCPU-s).
 * `memoryMB` is the configured size (or, for plans billed on memory used, the memory used);
 * `durationMs` is raw and gets the platform's rounding. `arch` picks a price variant where the
 * platform has one by that name (Lambda: 'x86_64' | 'arm64'); otherwise the default applies.
 */
export function estimateInvocationCostUSD(
  platform: PlatformId,
  memoryMB: number,
  durationMs: number,
  prices: PriceTable = DEFAULT_PRICES,
  arch?: string,
): number {
  const card = rateCardFor(platform, prices, arch);
  const seconds = billedDurationMs(durationMs, card) / 1000;
  const gb = billedMemoryMB(memoryMB, card) / 1024;
  return card.perMillionRequestsUSD / 1e6 + seconds * (gb * card.perGBSecondUSD + billedVcpu(memoryMB, card) * card.perVcpuSecondUSD);
}

/** The duration a record is costed on, and which measurement it came from. */
export function costDuration(r: InvocationRecord): { durationMs: number; basis: CostBasis } {
  if (r.billedDurationMs !== undefined) return { durationMs: r.billedDurationMs, basis: 'billed' };
  // Without the platform's bill, the function's own run time is the closest measure; Lambda
  // bills initialization code too, so a reported init duration is added on a cold start.
  if (r.runtime !== undefined) return { durationMs: r.runtime + (r.initDurationMs ?? 0), basis: 'runtime' };
  // Platform errors carry no runtime: the round trip overstates the bill, but is all there is.
  return { durationMs: r.roundTripMs, basis: 'roundTrip' };
}

export interface CostOptions {
  /** Price variant per platform, e.g. { aws: 'arm64', azure: 'consumption' }; records do not say. */
  variants?: Partial<Record<PlatformId, string>>;
}

export interface RecordsCost {
  totalUSD: number;
  /** Calls that cost money; throttled calls never reached the function and are free. */
  charged: number;
  throttled: number;
  /** Mean cost of a charged call, and that × 1,000,000. */
  perInvocationUSD?: number;
  perMillionUSD?: number;
  /** The basis most charged calls were costed on; `basisCounts` has the full split. */
  basis?: CostBasis;
  basisCounts: Record<CostBasis, number>;
}

export function costOfRecords(records: readonly InvocationRecord[], prices: PriceTable = DEFAULT_PRICES, options: CostOptions = {}): RecordsCost {
  const acc = new CostAccumulator(prices, options);
  for (const r of records) acc.add(r);
  return acc.finish();
}

/** costOfRecords one record at a time: what a streamed run is costed with. */
export class CostAccumulator {
  private readonly basisCounts: Record<CostBasis, number> = { billed: 0, runtime: 0, roundTrip: 0 };
  private totalUSD = 0;
  private charged = 0;
  private throttled = 0;

  constructor(
    private readonly prices: PriceTable = DEFAULT_PRICES,
    private readonly options: CostOptions = {},
  ) {}

  add(r: InvocationRecord): void {
    if (r.status === 'throttled') {
      this.throttled++;
      return;
    }
    const variant = this.options.variants?.[r.platform];
    const card = rateCardFor(r.platform, this.prices, variant);
    const memoryMB = card.memoryBasis === 'observed' ? (r.maxMemoryUsedMB ?? r.memoryMB) : r.memoryMB;
    const { durationMs, basis } = costDuration(r);
    this.totalUSD += estimateInvocationCostUSD(r.platform, memoryMB, durationMs, this.prices, variant);
    this.basisCounts[basis]++;
    this.charged++;
  }

  finish(): RecordsCost {
    const { totalUSD, charged, throttled } = this;
    const basisCounts = { ...this.basisCounts };
    const out: RecordsCost = { totalUSD, charged, throttled, basisCounts };
    if (charged > 0) {
      out.perInvocationUSD = totalUSD / charged;
      out.perMillionUSD = out.perInvocationUSD * 1e6;
      out.basis = (['billed', 'runtime', 'roundTrip'] as const).reduce((a, b) => (basisCounts[b] > basisCounts[a] ? b : a));
    }
    return out;
  }
}

/** One point of the cost-vs-duration chart: a memory size of one function on one platform. */
export interface MemoryCostPoint {
  function: string;
  platform: PlatformId;
  memoryMB: number;
  /** Records at this size (warm-ups excluded by the caller). */
  n: number;
  cost: RecordsCost;
  /**
   * Medians over the ok calls. With several payloads, each payload's median, averaged: sizes then
   * compare like with like (the median of a mix of short and long calls falls between them, and
   * flips between sizes from run to run).
   */
  p50RuntimeMs?: number;
  p50RoundTripMs?: number;
  /** How many payloads the medians were taken over (1: a plain median). */
  payloads: number;
  /** The weights the payloads' medians were averaged with, in payload order; absent: all alike (a plain mean). */
  payloadWeights?: number[];
}

/** `payloadWeights`: power tuning's weights, so each payload's median counts in proportion (absent: equally). */
export function costByMemory(
  records: readonly InvocationRecord[],
  prices: PriceTable = DEFAULT_PRICES,
  options: CostOptions = {},
  payloadWeights?: readonly number[],
): MemoryCostPoint[] {
  const acc = new MemoryCostAccumulator(prices, options, payloadWeights);
  for (const r of records) acc.add(r);
  return acc.finish();
}

interface SizeCalls {
  function: string;
  platform: PlatformId;
  memoryMB: number;
  n: number;
  cost: CostAccumulator;
  /** Per payload, in the order first seen: the ok calls' runtimes and round trips. */
  byPayload: Map<number, { runtimes: Float64Column; roundTrips: Float64Column }>;
}

/** costByMemory one record at a time: per size only its cost sums and the ok calls' two timings. */
export class MemoryCostAccumulator {
  private readonly sizes = new Map<string, SizeCalls>();

  constructor(
    private readonly prices: PriceTable = DEFAULT_PRICES,
    private readonly options: CostOptions = {},
    private readonly payloadWeights?: readonly number[],
  ) {}

  add(r: InvocationRecord): void {
    const key = `${r.function}\u0001${r.platform}\u0001${r.memoryMB}`;
    let size = this.sizes.get(key);
    if (!size) {
      size = { function: r.function, platform: r.platform, memoryMB: r.memoryMB, n: 0, cost: new CostAccumulator(this.prices, this.options), byPayload: new Map() };
      this.sizes.set(key, size);
    }
    size.n++;
    size.cost.add(r);
    // Every payload called at this size counts: one whose calls all failed leaves no median, so
    // this size is not timed, rather than timed on its other, shorter payloads only.
    let calls = size.byPayload.get(r.payloadIndex);
    if (!calls) size.byPayload.set(r.payloadIndex, (calls = { runtimes: new Float64Column(), roundTrips: new Float64Column() }));
    if (r.status !== 'ok') return;
    if (r.runtime !== undefined) calls.runtimes.push(r.runtime);
    calls.roundTrips.push(r.roundTripMs);
  }

  finish(): MemoryCostPoint[] {
    const points: MemoryCostPoint[] = [];
    for (const size of this.sizes.values()) {
      const point: MemoryCostPoint = {
        function: size.function,
        platform: size.platform,
        memoryMB: size.memoryMB,
        n: size.n,
        cost: size.cost.finish(),
        payloads: Math.max(1, size.byPayload.size),
      };
      const groups = [...size.byPayload.values()];
      const weights = [...size.byPayload.keys()].map((k) => this.payloadWeights?.[k] ?? 1);
      if (weights.length > 1 && weights.some((w) => w !== weights[0])) {
        point.payloadWeights = [...size.byPayload.keys()].sort((a, b) => a - b).map((k) => this.payloadWeights?.[k] ?? 1);
      }
      const runtime = meanOfMedians(groups.map((calls) => calls.runtimes), weights);
      if (runtime !== undefined) point.p50RuntimeMs = runtime;
      const roundTrip = meanOfMedians(groups.map((calls) => calls.roundTrips), weights);
      if (roundTrip !== undefined) point.p50RoundTripMs = roundTrip;
      points.push(point);
    }
    return points.sort(
      (a, b) => a.function.localeCompare(b.function) || a.platform.localeCompare(b.platform) || a.memoryMB - b.memoryMB,
    );
  }
}

/** Each group's median, averaged by weight; undefined when a group has no value (a payload without runtimes). */
function meanOfMedians(groups: Float64Column[], weights: readonly number[]): number | undefined {
  if (groups.length === 0 || groups.some((g) => g.length === 0)) return undefined;
  const total = weights.reduce((s, w) => s + w, 0);
  return groups.reduce((sum, g, i) => sum + weights[i] * percentileSorted(g.sorted(), 0.5), 0) / total;
}

export interface TradeOffChoice {
  memoryMB: number;
  perMillionUSD?: number;
  p50DurationMs?: number;
}

/** The memory sizes worth knowing about for one function on one platform. */
export interface TradeOff {
  function: string;
  platform: PlatformId;
  /** Median the choices were judged on: the function's runtime when every size has it, else the round trip. */
  durationMetric: 'runtime' | 'roundTrip';
  /** Payloads the medians were averaged over (see MemoryCostPoint); 1: plain medians. */
  payloads: number;
  /** The weights of that average, in payload order; absent: a plain mean. */
  payloadWeights?: number[];
  cheapest?: TradeOffChoice;
  fastest?: TradeOffChoice;
  /** Smallest cost per call × median duration; absent on free platforms, where cost decides nothing. */
  best?: TradeOffChoice;
}

export function pickTradeOffs(points: readonly MemoryCostPoint[]): TradeOff[] {
  const byTarget = new Map<string, MemoryCostPoint[]>();
  for (const p of points) {
    const key = `${p.function}\u0001${p.platform}`;
    let list = byTarget.get(key);
    if (!list) byTarget.set(key, (list = []));
    list.push(p);
  }
  const out: TradeOff[] = [];
  for (const list of byTarget.values()) {
    // Runtime when every timed size reports it (the shim measured it); a size with no median at all is left out.
    const useRuntime = list.every((p) => p.p50RoundTripMs === undefined || p.p50RuntimeMs !== undefined);
    const duration = (p: MemoryCostPoint) => (useRuntime ? p.p50RuntimeMs : p.p50RoundTripMs);
    const choice = (p: MemoryCostPoint): TradeOffChoice => {
      // Only defined fields, so the summary survives a JSON round trip unchanged.
      const c: TradeOffChoice = { memoryMB: p.memoryMB };
      if (p.cost.perMillionUSD !== undefined) c.perMillionUSD = p.cost.perMillionUSD;
      const d = duration(p);
      if (d !== undefined) c.p50DurationMs = d;
      return c;
    };
    // Ties go to the smaller memory size: same outcome, fewer resources.
    const argmin = (candidates: MemoryCostPoint[], score: (p: MemoryCostPoint) => number) =>
      candidates.reduce<MemoryCostPoint | undefined>((bestSoFar, p) => {
        if (!bestSoFar) return p;
        const d = score(p) - score(bestSoFar);
        return d < 0 || (d === 0 && p.memoryMB < bestSoFar.memoryMB) ? p : bestSoFar;
      }, undefined);
    const timed = list.filter((p) => duration(p) !== undefined);
    const costed = list.filter((p) => p.cost.perInvocationUSD !== undefined);
    const paid = costed.some((p) => (p.cost.perInvocationUSD ?? 0) > 0);
    const fastest = argmin(timed, (p) => duration(p)!);
    const cheapest = paid ? argmin(costed, (p) => p.cost.perInvocationUSD!) : undefined;
    const best = paid ? argmin(timed.filter((p) => p.cost.perInvocationUSD !== undefined), (p) => p.cost.perInvocationUSD! * duration(p)!) : undefined;
    const t: TradeOff = {
      function: list[0].function,
      platform: list[0].platform,
      durationMetric: useRuntime ? 'runtime' : 'roundTrip',
      payloads: Math.max(...list.map((p) => p.payloads)),
    };
    const weighted = list.find((p) => p.payloads === t.payloads && p.payloadWeights)?.payloadWeights;
    if (weighted) t.payloadWeights = weighted;
    if (cheapest) t.cheapest = choice(cheapest);
    if (fastest) t.fastest = choice(fastest);
    if (best) t.best = choice(best);
    out.push(t);
  }
  return out;
}
