// Which memory size to run a function at, by aws-lambda-power-tuning's strategies: "cost" (the
// cheapest per call, ties to the faster), "speed" (the fastest) or "balanced" (smallest
// w·cost/maxCost + (1−w)·duration/maxDuration, w = balancedWeight). Like power tuning it judges
// mean duration and mean cost per call; with several payloads, each payload's mean is taken and
// averaged (weighted by the experiment's payload weights when it has `"weightedPayloads": true`), as the trade-offs
// average payload medians. Intervals are Student-t on those means (the per-payload variances
// combined); a balanced score's interval adds its two parts' half-widths, an upper bound whatever
// their correlation.
import type { PlatformId } from '../model';
import type { CostOptions } from './cost';
import { costDuration, estimateInvocationCostUSD } from './cost';
import type { PriceTable } from './prices';
import { DEFAULT_PRICES, rateCardFor } from './prices';
import type { InvocationRecord } from './record';
import { intervalsOverlap } from './overlap';
import { studentTQuantile } from './stats';

export const STRATEGIES = ['cost', 'speed', 'balanced'] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** Power tuning's defaults. */
export const DEFAULT_STRATEGY: Strategy = 'cost';
export const DEFAULT_BALANCED_WEIGHT = 0.5;

/** What the recommendation reads from run.json's spec; every field optional (older runs have none). */
export interface RecommendationSpec {
  strategy?: Strategy;
  balancedWeight?: number;
  /** Weights of the payloads in order (`"weightedPayloads": true`); absent: every payload counts the same. */
  payloadWeights?: readonly number[];
}

export interface Estimate {
  mean: number;
  /** Confidence interval of the mean; absent when a payload has fewer than 2 calls. */
  ciLow?: number;
  ciHigh?: number;
}

export interface SizeScore {
  memoryMB: number;
  durationMs?: Estimate;
  costUSD?: Estimate;
  /** What the strategy minimises (cost: USD per call; speed: ms; balanced: 0..1). */
  score?: Estimate;
}

export interface Recommendation {
  function: string;
  platform: PlatformId;
  strategy: Strategy;
  /** True when the experiment file chose the strategy; false: power tuning's default. */
  strategyFromSpec: boolean;
  balancedWeight?: number;
  durationMetric: 'runtime' | 'roundTrip';
  /** Payloads averaged over, and whether they were weighted (then with which weights, in payload order). */
  payloads: number;
  weighted: boolean;
  payloadWeights?: number[];
  memoryMB: number;
  recommended: SizeScore;
  /** The next best size, and whether its score's interval overlaps the recommended one's (the run cannot tell them apart). */
  runnerUp?: { memoryMB: number; overlaps: boolean };
  /** True where no size costs money (the local platform): cost decides nothing, speed decides. */
  free: boolean;
  confidence: number;
  sizes: SizeScore[];
}

/** Running mean and sum of squared deviations (Welford): stable over 100k values. */
class Moments {
  n = 0;
  mean = 0;
  m2 = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
}

interface SizeCells {
  runtime: Map<number, Moments>;
  roundTrip: Map<number, Moments>;
  cost: Map<number, Moments>;
}

export interface RecommendationOptions {
  confidence?: number;
  prices?: PriceTable;
  cost?: CostOptions;
}

export function createRecommendations(spec: RecommendationSpec | undefined, options: RecommendationOptions = {}): { add(r: InvocationRecord): void; finish(): Recommendation[] } {
  const prices = options.prices ?? DEFAULT_PRICES;
  const confidence = options.confidence ?? 0.95;
  const targets = new Map<string, { function: string; platform: PlatformId; sizes: Map<number, SizeCells> }>();
  const cell = (map: Map<number, Moments>, payload: number) => {
    let m = map.get(payload);
    if (!m) map.set(payload, (m = new Moments()));
    return m;
  };
  return {
    add(r) {
      const id = `${r.function}\u0001${r.platform}`;
      let t = targets.get(id);
      if (!t) targets.set(id, (t = { function: r.function, platform: r.platform, sizes: new Map() }));
      let s = t.sizes.get(r.memoryMB);
      if (!s) t.sizes.set(r.memoryMB, (s = { runtime: new Map(), roundTrip: new Map(), cost: new Map() }));
      if (r.status === 'throttled') return;
      cell(s.cost, r.payloadIndex).add(recordCostUSD(r, prices, options.cost));
      if (r.status !== 'ok') return;
      cell(s.roundTrip, r.payloadIndex).add(r.roundTripMs);
      if (r.runtime !== undefined) cell(s.runtime, r.payloadIndex).add(r.runtime);
    },
    finish() {
      const out: Recommendation[] = [];
      for (const t of targets.values()) {
        if (t.sizes.size < 2) continue;
        const rec = recommend(t.function, t.platform, t.sizes, spec, confidence);
        if (rec) out.push(rec);
      }
      return out.sort((a, b) => a.function.localeCompare(b.function) || a.platform.localeCompare(b.platform));
    },
  };
}

function recordCostUSD(r: InvocationRecord, prices: PriceTable, options: CostOptions = {}): number {
  const variant = options.variants?.[r.platform];
  const card = rateCardFor(r.platform, prices, variant);
  const memoryMB = card.memoryBasis === 'observed' ? (r.maxMemoryUsedMB ?? r.memoryMB) : r.memoryMB;
  return estimateInvocationCostUSD(r.platform, memoryMB, costDuration(r).durationMs, prices, variant);
}

/** A payload's weight from the spec's weighted payloads, else 1. */
export function payloadWeight(spec: RecommendationSpec | undefined, payloadIndex: number): number {
  const w = spec?.payloadWeights?.[payloadIndex];
  return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 1;
}

/** Weighted mean of per-payload means, with a t interval (df: the smallest payload's n − 1, conservative). */
function combine(cells: Map<number, Moments>, payloads: number[], spec: RecommendationSpec | undefined, confidence: number): Estimate | undefined {
  if (payloads.some((p) => !cells.get(p)?.n)) return undefined;
  const weights = payloads.map((p) => payloadWeight(spec, p));
  const total = weights.reduce((a, b) => a + b, 0);
  let mean = 0;
  let variance = 0;
  let minN = Infinity;
  payloads.forEach((p, i) => {
    const m = cells.get(p)!;
    const share = weights[i] / total;
    mean += share * m.mean;
    if (m.n >= 2) variance += share * share * (m.m2 / (m.n - 1) / m.n);
    minN = Math.min(minN, m.n);
  });
  const out: Estimate = { mean };
  if (minN >= 2) {
    const half = studentTQuantile(0.5 + confidence / 2, minN - 1) * Math.sqrt(variance);
    // Durations and costs are never negative: a wide interval of a few scattered calls stops at 0.
    out.ciLow = Math.max(0, mean - half);
    out.ciHigh = mean + half;
  }
  return out;
}

function recommend(fn: string, platform: PlatformId, sizes: Map<number, SizeCells>, spec: RecommendationSpec | undefined, confidence: number): Recommendation | undefined {
  const strategy = spec?.strategy ?? DEFAULT_STRATEGY;
  const weight = spec?.balancedWeight ?? DEFAULT_BALANCED_WEIGHT;
  const payloads = [...new Set([...sizes.values()].flatMap((s) => [...s.cost.keys(), ...s.roundTrip.keys()]))].sort((a, b) => a - b);
  // Runtime when every size measured it for every payload (as the trade-offs choose), else the round trip.
  const useRuntime = [...sizes.values()].every((s) => payloads.every((p) => (s.runtime.get(p)?.n ?? 0) > 0));
  const scored: SizeScore[] = [...sizes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([memoryMB, s]) => {
      const score: SizeScore = { memoryMB };
      const d = combine(useRuntime ? s.runtime : s.roundTrip, payloads, spec, confidence);
      const c = combine(s.cost, payloads, spec, confidence);
      if (d) score.durationMs = d;
      if (c) score.costUSD = c;
      return score;
    });
  const timed = scored.filter((s) => s.durationMs && s.costUSD);
  if (timed.length === 0) return undefined;
  const free = timed.every((s) => s.costUSD!.mean === 0);
  const maxCost = Math.max(...timed.map((s) => s.costUSD!.mean));
  const maxDuration = Math.max(...timed.map((s) => s.durationMs!.mean));
  for (const s of timed) s.score = scoreOf(s, strategy, weight, free ? 0 : maxCost, maxDuration);
  // Cost ties (a free platform, a flat price) go to the faster size, then the smaller one.
  const ranked = [...timed].sort((a, b) => a.score!.mean - b.score!.mean || a.durationMs!.mean - b.durationMs!.mean || a.memoryMB - b.memoryMB);
  const best = ranked[0];
  const weights = payloads.map((p) => payloadWeight(spec, p));
  const rec: Recommendation = {
    function: fn,
    platform,
    strategy,
    strategyFromSpec: spec?.strategy !== undefined,
    durationMetric: useRuntime ? 'runtime' : 'roundTrip',
    payloads: payloads.length,
    weighted: weights.some((w) => w !== 1),
    ...(weights.some((w) => w !== weights[0]) ? { payloadWeights: weights } : {}),
    memoryMB: best.memoryMB,
    recommended: best,
    free,
    confidence,
    sizes: scored,
  };
  if (strategy === 'balanced') rec.balancedWeight = weight;
  const next = ranked[1];
  if (next) rec.runnerUp = { memoryMB: next.memoryMB, overlaps: overlaps(best.score!, next.score!) };
  return rec;
}

function scoreOf(s: SizeScore, strategy: Strategy, weight: number, maxCost: number, maxDuration: number): Estimate {
  const d = s.durationMs!;
  const c = s.costUSD!;
  // On a free platform cost is 0 everywhere: every strategy comes down to speed.
  if (strategy === 'speed' || maxCost === 0) return { ...d };
  if (strategy === 'cost') return { ...c };
  const mean = (weight * c.mean) / maxCost + ((1 - weight) * d.mean) / maxDuration;
  const out: Estimate = { mean };
  if (c.ciLow !== undefined && c.ciHigh !== undefined && d.ciLow !== undefined && d.ciHigh !== undefined) {
    const half = (weight * (c.ciHigh - c.mean)) / maxCost + ((1 - weight) * (d.ciHigh - d.mean)) / maxDuration;
    // Durations and costs are never negative: a wide interval of a few scattered calls stops at 0.
    out.ciLow = Math.max(0, mean - half);
    out.ciHigh = mean + half;
  }
  return out;
}

/** Whether two estimates' intervals overlap; without both intervals the run cannot tell them apart. */
function overlaps(a: Estimate, b: Estimate): boolean {
  if (a.ciLow === undefined || a.ciHigh === undefined || b.ciLow === undefined || b.ciHigh === undefined) return true;
  return intervalsOverlap([a.ciLow, a.ciHigh], [b.ciLow, b.ciHigh]);
}
