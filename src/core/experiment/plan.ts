// ExperimentSpec -> the exact sequence of calls, before anything runs. Pure: the same spec always
// gives the same plan, so seq numbers are stable and a run can be resumed by skipping the seqs
// it already recorded.
import type { PlatformId } from '../model';
import { PythonRandom } from './python-random';
import { exponential, seededRandom } from './random';
import { AS_DEPLOYED, type ExperimentSpec } from './spec';

export interface PlannedCall {
  /** Unique in the run, in plan order. */
  seq: number;
  /** Position within its iteration, 0..runs-1 (FaaS Runner's order: thread by thread). */
  index: number;
  /** Closed loop: the worker making the call; open loop and burst: 0. */
  thread: number;
  /** 0-based number of this call on its thread (FaaS Runner's 1_run_id). */
  threadCall: number;
  /** Into Plan.payloads. */
  payloadIndex: number;
  /** Open loop: planned arrival in ms after the iteration starts. */
  atMs?: number;
}

export interface PlannedIteration {
  platform: PlatformId;
  /** Into spec.memorySettings (0 when the list is empty). */
  memoryIndex: number;
  /** Memory to configure before this setting's first iteration; 0: as deployed. */
  memoryMB: number;
  /** 0-based within its memory setting, as FaaS Runner counts. */
  iteration: number;
  warmup: boolean;
  calls: PlannedCall[];
}

export interface PlanTotals {
  calls: number;
  warmupCalls: number;
  measuredCalls: number;
  perPlatform: Partial<Record<PlatformId, number>>;
  /** Closed loop: calls each thread makes per iteration. */
  callsPerThread: number[];
}

export interface Plan {
  spec: ExperimentSpec;
  /** Payloads with parentPayload merged under each (payload keys win). */
  payloads: unknown[];
  iterations: PlannedIteration[];
  totals: PlanTotals;
}

export function planExperiment(spec: ExperimentSpec): Plan {
  const payloads = spec.payloads.map((p) => mergeParent(spec.parentPayload, p));
  const memory = spec.memorySettings.length > 0 ? spec.memorySettings : [AS_DEPLOYED];
  const callsPerThread = spec.mode === 'closed' ? splitRuns(spec.runs, spec.threads) : [];
  const threadOf = threadLookup(callsPerThread, spec.runs);
  const firstOfThread = callsPerThread.map((_, t) => threadOf.indexOf(t));
  const iterations: PlannedIteration[] = [];
  const perPlatform: Partial<Record<PlatformId, number>> = {};
  let seq = 0;
  let warmupCalls = 0;
  for (const platform of spec.platforms) {
    // The payload order and arrivals depend on (seed, memory, iteration), not on the platform:
    // compared platforms see the same sequence, so their results pair up call by call.
    const pool = new FaasRunnerPayloadPool(spec, payloads.length);
    memory.forEach((memoryMB, memoryIndex) => {
      for (let iteration = 0; iteration < spec.iterations; iteration++) {
        const order = pool.nextIteration();
        const arrivals = spec.mode === 'open' ? arrivalTimes(spec, memoryIndex, iteration) : undefined;
        const calls: PlannedCall[] = new Array<PlannedCall>(spec.runs);
        for (let index = 0; index < spec.runs; index++) {
          const thread = threadOf[index] ?? 0;
          const call: PlannedCall = { seq: seq++, index, thread, threadCall: index - (firstOfThread[thread] ?? 0), payloadIndex: order[index] };
          if (arrivals) call.atMs = arrivals[index];
          calls[index] = call;
        }
        const warmup = iteration < spec.warmupBuffer;
        if (warmup) warmupCalls += spec.runs;
        perPlatform[platform] = (perPlatform[platform] ?? 0) + spec.runs;
        iterations.push({ platform, memoryIndex, memoryMB, iteration, warmup, calls });
      }
    });
  }
  return { spec, payloads, iterations, totals: { calls: seq, warmupCalls, measuredCalls: seq - warmupCalls, perPlatform, callsPerThread } };
}

/** Shallow merge as FaaS Runner does (`{**parentPayload, **payload}`); non-objects pass through. */
export function mergeParent(parent: Record<string, unknown>, payload: unknown): unknown {
  if (Object.keys(parent).length === 0) return payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  return { ...parent, ...(payload as Record<string, unknown>) };
}

/**
 * FaaS Runner gives each thread int(runs / threads) calls and drops the remainder; FaaS Lab makes
 * every run, giving the first (runs % threads) threads one more.
 */
export function splitRuns(runs: number, threads: number): number[] {
  const base = Math.floor(runs / threads);
  const extra = runs % threads;
  return Array.from({ length: Math.min(threads, runs) }, (_, t) => base + (t < extra ? 1 : 0));
}

function threadLookup(callsPerThread: number[], runs: number): number[] {
  const out = new Array<number>(runs);
  let index = 0;
  callsPerThread.forEach((n, thread) => {
    for (let i = 0; i < n; i++) out[index++] = thread;
  });
  return out;
}

/**
 * The payload list as FaaS Runner's experiment_caller.py handles it, so a seed gives its order.
 * It extends the list by itself (`payloadList += payload` on the same list, so it doubles) until it
 * covers the runs, shuffles it in place with random.seed(randomSeed) reset before every iteration,
 * and hands it out in order (the k-th call in thread order gets entry k). The list is the
 * experiment's own, so each iteration (of every memory setting, in order) shuffles the previous
 * iteration's order again.
 */
export class FaasRunnerPayloadPool {
  private readonly pool: number[];

  constructor(private readonly spec: Pick<ExperimentSpec, 'runs' | 'shufflePayloads' | 'randomSeed'>, count: number) {
    this.pool = Array.from({ length: count }, (_, k) => k);
    while (this.pool.length < spec.runs) this.pool.push(...this.pool);
  }

  /** The whole list as it stands (FaaS Runner's exp['payloads']): payload indices. */
  list(): number[] {
    return [...this.pool];
  }

  /** Payload indices for the next iteration's calls, 0..runs-1. */
  nextIteration(): number[] {
    if (this.spec.shufflePayloads) new PythonRandom(this.spec.randomSeed).shuffle(this.pool);
    return this.pool.slice(0, this.spec.runs);
  }
}

function arrivalTimes(spec: ExperimentSpec, memoryIndex: number, iteration: number): number[] {
  const rate = spec.rate ?? { rps: 1, arrivals: 'constant' };
  const intervalMs = 1000 / rate.rps;
  if (rate.arrivals === 'constant') return Array.from({ length: spec.runs }, (_, k) => k * intervalMs);
  const random = seededRandom(spec.randomSeed, 2, memoryIndex, iteration);
  const out = new Array<number>(spec.runs);
  let t = 0;
  for (let k = 0; k < spec.runs; k++) {
    out[k] = t;
    t += exponential(intervalMs, random);
  }
  return out;
}

/** "local · 256 MB · iteration 2/3", as progress shows it. */
export function describeIteration(it: PlannedIteration, iterations: number, memoryMB: number): string {
  const memory = memoryMB === AS_DEPLOYED ? 'deployed memory' : `${memoryMB} MB`;
  return `${it.platform} · ${memory} · iteration ${it.iteration + 1}/${iterations}${it.warmup ? ' (warm-up)' : ''}`;
}
