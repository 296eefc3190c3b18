// ExperimentSpec -> the sequence of calls, streamed: the plan is a generator the runner pulls from,
// so a file that plans 10^10 calls costs the memory of one iteration, not of the whole run. Pure:
// the same spec always gives the same calls, so seq numbers are stable and a run can be resumed by
// skipping the seqs it already recorded.
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
  /** Idle probes: the call that warms an instance, or the call after the wait. */
  idleRole?: 'prime' | 'probe';
}

export interface PlannedIteration {
  platform: PlatformId;
  /** Into spec.memorySettings (0 when the list is empty). */
  memoryIndex: number;
  /** Memory to configure before this setting's first iteration; 0: as deployed. */
  memoryMB: number;
  /** 0-based within its memory setting (and load step), as FaaS Runner counts. */
  iteration: number;
  warmup: boolean;
  /** Load sweeps: the 0-based step and its load (threads, rps or burst size). */
  step?: number;
  stepLoad?: number;
  /** Idle probes: the wait between each priming call and its probe. */
  idleMs?: number;
  /** The iteration's calls are seqs firstSeq .. firstSeq + size - 1. */
  firstSeq: number;
  size: number;
  /** Closed loop: this iteration's workers and calls per worker. */
  callsPerThread: number[];
  /** Open loop: this iteration's arrivals per second. */
  rps?: number;
  /** Every call in plan order, made on demand. */
  calls(): Generator<PlannedCall>;
  /** Closed loop: one worker's calls in order. */
  threadCalls(thread: number): Generator<PlannedCall>;
}

/** One memory setting of one platform: a contiguous range of seqs. */
export interface PlannedSetting {
  platform: PlatformId;
  memoryIndex: number;
  memoryMB: number;
  firstSeq: number;
  size: number;
  warmupCalls: number;
  /** This setting's iterations in order; pull them before the next setting is pulled. */
  iterations: Generator<PlannedIteration>;
}

export interface PlanTotals {
  calls: number;
  warmupCalls: number;
  measuredCalls: number;
  perPlatform: Partial<Record<PlatformId, number>>;
  /** Closed loop: calls each thread makes per iteration (of the first load step). */
  callsPerThread: number[];
}

export interface Plan {
  spec: ExperimentSpec;
  /** Payloads with parentPayload merged under each (payload keys win). */
  payloads: unknown[];
  totals: PlanTotals;
  /** A fresh pass over the settings, in order. */
  settings(): Generator<PlannedSetting>;
  /** A fresh pass over every iteration, in order. */
  iterations(): Generator<PlannedIteration>;
}

/** One load step as the planner sees it: calls per iteration and how they are issued. */
interface StepShape {
  step?: number;
  stepLoad?: number;
  runs: number;
  threads: number;
  rps?: number;
}

export function planExperiment(spec: ExperimentSpec): Plan {
  const payloads = spec.payloads.map((p) => mergeParent(spec.parentPayload, p));
  const memory = spec.memorySettings.length > 0 ? spec.memorySettings : [AS_DEPLOYED];
  const shapes = stepShapes(spec);
  const idleTimes = spec.idle?.timesS ?? [];
  const settingSize = spec.idle
    ? idleTimes.length * spec.idle.repeat * 2
    : shapes.reduce((n, s) => n + s.runs * spec.iterations, 0);
  const settingWarmup = spec.idle ? 0 : shapes.reduce((n, s) => n + s.runs * Math.min(spec.warmupBuffer, spec.iterations), 0);
  const perPlatform: Partial<Record<PlatformId, number>> = {};
  for (const p of spec.platforms) perPlatform[p] = settingSize * memory.length;
  const calls = settingSize * memory.length * spec.platforms.length;
  const warmupCalls = settingWarmup * memory.length * spec.platforms.length;
  const first = shapes[0];
  const callsPerThread = spec.mode === 'closed' && !spec.idle ? splitRuns(first.runs, first.threads) : [];

  function* settings(): Generator<PlannedSetting> {
    let seq = 0;
    for (const platform of spec.platforms) {
      // The payload order and arrivals depend on (seed, memory, iteration), not on the platform:
      // compared platforms see the same sequence, so their results pair up call by call.
      const pools = new Map<number, FaasRunnerPayloadPool>();
      for (let memoryIndex = 0; memoryIndex < memory.length; memoryIndex++) {
        const memoryMB = memory[memoryIndex];
        const at: SettingAt = { platform, memoryIndex, memoryMB, firstSeq: seq, payloadCount: payloads.length };
        const its = spec.idle ? idleIterations(spec, at) : loadIterations(spec, shapes, pools, at);
        yield { platform, memoryIndex, memoryMB, firstSeq: seq, size: settingSize, warmupCalls: settingWarmup, iterations: its };
        seq += settingSize;
      }
    }
  }
  function* iterations(): Generator<PlannedIteration> {
    for (const setting of settings()) yield* setting.iterations;
  }
  return { spec, payloads, totals: { calls, warmupCalls, measuredCalls: calls - warmupCalls, perPlatform, callsPerThread }, settings, iterations };
}

function stepShapes(spec: ExperimentSpec): StepShape[] {
  const loads = spec.steps?.loads;
  if (!loads) return [{ runs: spec.runs, threads: spec.threads, rps: spec.rate?.rps }];
  return loads.map((load, step) => {
    if (spec.mode === 'closed') return { step, stepLoad: load, runs: spec.runs, threads: load };
    if (spec.mode === 'open') return { step, stepLoad: load, runs: spec.runs, threads: 1, rps: load };
    return { step, stepLoad: load, runs: load, threads: 1 };
  });
}

/** Where a memory setting's iterations sit in the plan. */
interface SettingAt {
  platform: PlatformId;
  memoryIndex: number;
  memoryMB: number;
  firstSeq: number;
  payloadCount: number;
}

function* loadIterations(spec: ExperimentSpec, shapes: StepShape[], pools: Map<number, FaasRunnerPayloadPool>, at: SettingAt): Generator<PlannedIteration> {
  const { platform, memoryIndex, memoryMB, payloadCount } = at;
  let seq = at.firstSeq;
  for (const [k, shape] of shapes.entries()) {
    // Each step keeps its own payload list (its runs may differ); without steps this is FaaS Runner's one list.
    let pool = pools.get(k);
    if (!pool) pools.set(k, (pool = new FaasRunnerPayloadPool({ ...spec, runs: shape.runs }, payloadCount)));
    const callsPerThread = spec.mode === 'closed' ? splitRuns(shape.runs, shape.threads) : [];
    for (let iteration = 0; iteration < spec.iterations; iteration++) {
      const it: PlannedIteration = {
        platform,
        memoryIndex,
        memoryMB,
        iteration,
        warmup: iteration < spec.warmupBuffer,
        firstSeq: seq,
        size: shape.runs,
        callsPerThread,
        // The list moves on by one shuffle per iteration of every memory setting, pulled or skipped.
        ...loadCalls(spec, shape, callsPerThread, lazyOrder(pool, memoryIndex * spec.iterations + iteration + 1), seq, memoryIndex, iteration),
      };
      if (shape.step !== undefined) {
        it.step = shape.step;
        it.stepLoad = shape.stepLoad;
      }
      if (shape.rps !== undefined && spec.mode === 'open') it.rps = shape.rps;
      yield it;
      seq += shape.runs;
    }
  }
}

function loadCalls(
  spec: ExperimentSpec,
  shape: StepShape,
  callsPerThread: number[],
  order: () => readonly number[],
  firstSeq: number,
  memoryIndex: number,
  iteration: number,
): Pick<PlannedIteration, 'calls' | 'threadCalls'> {
  const firstOfThread: number[] = [];
  callsPerThread.reduce((start, n) => (firstOfThread.push(start), start + n), 0);
  const callAt = (index: number, thread: number, threadCall: number): PlannedCall => ({ seq: firstSeq + index, index, thread, threadCall, payloadIndex: order()[index] });
  function* threadCalls(thread: number): Generator<PlannedCall> {
    const start = firstOfThread[thread] ?? 0;
    const n = callsPerThread[thread] ?? (thread === 0 ? shape.runs : 0);
    for (let k = 0; k < n; k++) yield callAt(start + k, thread, k);
  }
  function* calls(): Generator<PlannedCall> {
    if (spec.mode === 'closed') {
      for (let t = 0; t < callsPerThread.length; t++) yield* threadCalls(t);
      return;
    }
    const arrivals = spec.mode === 'open' ? arrivalTimes(spec, shape, memoryIndex, iteration) : undefined;
    for (let index = 0; index < shape.runs; index++) {
      const call = callAt(index, 0, index);
      if (arrivals) call.atMs = arrivals.next().value as number;
      yield call;
    }
  }
  return { calls, threadCalls };
}

/** The k-th iteration's payload order, drawn when a call first needs it and kept. */
function lazyOrder(pool: FaasRunnerPayloadPool, k: number): () => readonly number[] {
  let order: readonly number[] | undefined;
  return () => (order ??= pool.orderAt(k));
}

/** Per idle time: `repeat` pairs of a priming call and a probe after the wait. */
function* idleIterations(spec: ExperimentSpec, at: SettingAt): Generator<PlannedIteration> {
  const { platform, memoryIndex, memoryMB, payloadCount } = at;
  const repeat = spec.idle?.repeat ?? 1;
  let seq = at.firstSeq;
  for (const [step, idleS] of (spec.idle?.timesS ?? []).entries()) {
    yield idleIteration({ platform, memoryIndex, memoryMB, step, idleMs: idleS * 1000, firstSeq: seq, pairs: repeat, payloadCount });
    seq += repeat * 2;
  }
}

export interface IdleIterationShape {
  platform: PlatformId;
  memoryIndex: number;
  memoryMB: number;
  step: number;
  idleMs: number;
  firstSeq: number;
  pairs: number;
  payloadCount: number;
}

/** Idle probes at one wait (also the idle search's unit): calls alternate prime, probe. */
export function idleIteration(shape: IdleIterationShape): PlannedIteration {
  function* calls(): Generator<PlannedCall> {
    for (let index = 0; index < shape.pairs * 2; index++) {
      const payloadIndex = Math.floor(index / 2) % shape.payloadCount;
      yield { seq: shape.firstSeq + index, index, thread: 0, threadCall: index, payloadIndex, idleRole: index % 2 === 0 ? 'prime' : 'probe' };
    }
  }
  return {
    platform: shape.platform,
    memoryIndex: shape.memoryIndex,
    memoryMB: shape.memoryMB,
    iteration: 0,
    warmup: false,
    step: shape.step,
    idleMs: shape.idleMs,
    firstSeq: shape.firstSeq,
    size: shape.pairs * 2,
    callsPerThread: [],
    calls,
    threadCalls: calls,
  };
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

/**
 * The payload list as FaaS Runner's experiment_caller.py handles it, so a seed gives its order.
 * It extends the list by itself (`payloadList += payload` on the same list, so it doubles) until it
 * covers the runs, shuffles it in place with random.seed(randomSeed) reset before every iteration,
 * and hands it out in order (the k-th call in thread order gets entry k). The list is the
 * experiment's own, so each iteration (of every memory setting, in order) shuffles the previous
 * iteration's order again. With payloadWeights the list holds each payload in proportion to its
 * weight instead (spread evenly, then shuffled the same way). Its size is at most twice runs, which
 * parse.ts bounds.
 */
export class FaasRunnerPayloadPool {
  private readonly pool: number[];
  /** Shuffles applied so far: the list as it stands after that many iterations. */
  private shuffles = 0;
  private issued = 0;

  constructor(private readonly spec: Pick<ExperimentSpec, 'runs' | 'shufflePayloads' | 'randomSeed' | 'payloadWeights'>, count: number) {
    if (spec.payloadWeights) {
      this.pool = weightedOrder(spec.runs, spec.payloadWeights);
      return;
    }
    this.pool = Array.from({ length: count }, (_, k) => k);
    // One element at a time: spreading a list of 10^6 into push() overflows the stack.
    while (this.pool.length < spec.runs) {
      const n = this.pool.length;
      for (let i = 0; i < n; i++) this.pool.push(this.pool[i]);
    }
  }

  /** The whole list as it stands (FaaS Runner's exp['payloads']): payload indices. */
  list(): number[] {
    return [...this.pool];
  }

  /** Payload indices for the next iteration's calls, 0..runs-1. */
  nextIteration(): number[] {
    return this.orderAt(++this.issued);
  }

  /**
   * The order of the k-th iteration (1-based) drawn from this list. Lazy, so a plan that is only
   * counted (budget, estimate) never shuffles; asked in order, as the runner does.
   */
  orderAt(k: number): number[] {
    if (k < this.shuffles) throw new RangeError(`payload order of iteration ${k} asked after iteration ${this.shuffles}: iterations run in plan order`);
    for (; this.shuffles < k; this.shuffles++) {
      if (!this.spec.shufflePayloads) {
        this.shuffles = k;
        break;
      }
      new PythonRandom(this.spec.randomSeed).shuffle(this.pool);
    }
    return this.pool.slice(0, this.spec.runs);
  }
}

/** `runs` payload indices, each payload's count in proportion to its weight (largest remainder), spread evenly. */
export function weightedOrder(runs: number, weights: readonly number[]): number[] {
  const counts = weightedCounts(runs, weights);
  const slots: Array<[number, number]> = [];
  counts.forEach((n, payload) => {
    for (let i = 0; i < n; i++) slots.push([(i + 0.5) / n, payload]);
  });
  slots.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return slots.map(([, payload]) => payload);
}

/** Calls per payload out of `runs`, in proportion to the weights; the counts add up to runs. */
export function weightedCounts(runs: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (runs * w) / total);
  const counts = exact.map(Math.floor);
  let left = runs - counts.reduce((s, n) => s + n, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

function* arrivalTimes(spec: ExperimentSpec, shape: StepShape, memoryIndex: number, iteration: number): Generator<number> {
  const intervalMs = 1000 / (shape.rps ?? 1);
  const arrivals = spec.rate?.arrivals ?? 'constant';
  if (arrivals === 'constant') {
    for (let k = 0; k < shape.runs; k++) yield k * intervalMs;
    return;
  }
  // Steps after the first draw their own stream; the first keeps the seed's original arrivals.
  const random = shape.step ? seededRandom(spec.randomSeed, 2, memoryIndex, iteration, shape.step) : seededRandom(spec.randomSeed, 2, memoryIndex, iteration);
  let t = 0;
  for (let k = 0; k < shape.runs; k++) {
    yield t;
    t += exponential(intervalMs, random);
  }
}

/** "local · 256 MB · iteration 2/3", as progress shows it. */
export function describeIteration(it: PlannedIteration, iterations: number, memoryMB: number): string {
  const memory = memoryMB === AS_DEPLOYED ? 'deployed memory' : `${memoryMB} MB`;
  if (it.idleMs !== undefined) return `${it.platform} · ${memory} · idle ${it.idleMs / 1000} s`;
  const step = it.step !== undefined ? ` · step ${it.step + 1} (load ${it.stepLoad})` : '';
  return `${it.platform} · ${memory}${step} · iteration ${it.iteration + 1}/${iterations}${it.warmup ? ' (warm-up)' : ''}`;
}
