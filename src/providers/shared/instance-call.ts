// One call on a platform that runs its own instances: get an instance (warm, new, or none:
// throttled), start a new one within the init timeout, call it within the timeout, and turn what
// happened into an Invocation. The platform supplies how to start, call and watch an instance and
// how its failures read.
import { performance } from 'node:perf_hooks';
import type { FunctionMetrics, Invocation, InvocationError, InvocationStatus, NestedInvocation } from '../../core/model';
import { abortError, failureMetrics, limitTime, throttledInvocation, withLogs } from './calls';
import type { FunctionLimits } from './limits';
import { InstanceFailure, type FailureKind } from './instance-failure';
import { responseTooLarge } from './payload';
import type { InstancePool, PooledInstance } from './pool';
import { round3 } from './round';

/** What the call skeleton needs of an instance, beyond what its pool needs. */
export interface PlatformInstance extends PooledInstance {
  uuid?: string | undefined;
  initDurationMs?: number | undefined;
  /** Calls served so far (0 until the first one ends). */
  calls: number;
  kill(kind: FailureKind, rssMB?: number): void;
  /** Log lines written during the current call so far (for calls that end in a failure). */
  currentCallLogs(): string[];
}

/** An instance's answer, when it arrived (epoch and performance.now() ms), and the call's log lines. */
export type InstanceAnswer = ({ ok: true; result?: unknown } | { ok: false; error: InvocationError }) & {
  metrics: FunctionMetrics;
  logs: string[];
  /** The calls the handler made with `context.invoke`. */
  nested?: NestedInvocation[] | undefined;
  /** The size of the answer as it arrived (result, metrics and all), in bytes: an upper bound of the result's. */
  answerBytes: number;
  answeredAt: number;
  answeredMono: number;
};

export type DescribedFailure = { status: InvocationStatus; error: InvocationError };

/** What a platform does in a call. */
export interface CallHooks<I> {
  /** Why a new instance that was not ready in time was stopped, for its log. */
  initTimeoutReason: string;
  /**
   * Resolves once a new instance's process is spawned, where spawns wait their turn (the local
   * platform's spawn queue); the init timeout counts from then. Never rejects.
   */
  spawned?(instance: I): Promise<void>;
  /** Starts a new instance; resolves when it takes calls, rejects with an InstanceFailure. */
  start(instance: I): Promise<void>;
  /** The log line of an instance that started. */
  startedMessage(instance: I): string;
  /**
   * Sends the call; resolves with the answer (once its output is in too), rejects with an InstanceFailure.
   * `answered` is called as the answer arrives: the timeout no longer applies while its last output lines come.
   */
  call(instance: I, answered: () => void): Promise<InstanceAnswer>;
  /** Watches the instance from its start to its answer (e.g. its memory), stopping it with `stop`; returns how to end the watch. */
  watch?(instance: I, stop: (kind: FailureKind, reason: string, rssMB?: number) => void): () => void;
  /** The instance's peak memory so far in MB, where it can be read. */
  peakMemoryMB(instance: I): number | undefined;
  /** A failure as the user reads it, or the error to throw for one that is not the function's doing. */
  describe(failure: InstanceFailure, instance: I): DescribedFailure | Error;
  /** What a call reads that no instance could take. */
  throttled: InvocationError;
}

export interface InstanceCall<I extends PlatformInstance, S> {
  spec: S;
  limits: FunctionLimits;
  pool: InstancePool<I, S>;
  signal?: AbortSignal | undefined;
  /** Writes a platform line to the function's log. */
  log(instance: I, message: string): void;
  hooks: CallHooks<I>;
}

export async function callInstance<I extends PlatformInstance, S>(call: InstanceCall<I, S>): Promise<Invocation> {
  const { limits, pool, signal, hooks } = call;
  const clientStart = Date.now();
  const startMono = performance.now();
  const lease = pool.acquire(call.spec);
  if ('throttled' in lease) return throttledInvocation(hooks.throttled, clientStart, startMono);
  const { instance, cold } = lease;
  const timing = () => ({ clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - startMono), cold });

  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  const stop = (kind: FailureKind, reason: string, rssMB?: number) => {
    pool.noteStopReason(instance, reason);
    instance.kill(kind, rssMB);
  };
  const onAbort = () => stop('aborted', 'the caller cancelled the call');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    unwatch = hooks.watch?.(instance, stop);
    if (cold) {
      // Cancelling while it waits kills it there: start() then rejects at once.
      if (hooks.spawned) await hooks.spawned(instance);
      timer = limitTime(pool, instance, limits.initTimeoutS, hooks.initTimeoutReason);
      await hooks.start(instance);
      clearTimeout(timer);
      call.log(instance, hooks.startedMessage(instance));
    }
    timer = limitTime(pool, instance, limits.timeoutS, 'the call reached the timeout');
    const answer = await hooks.call(instance, () => clearTimeout(timer));
    clearTimeout(timer);
    unwatch?.();
    // Timed at the answer, not after the wait for its last log lines.
    const times = { clientStart, clientEnd: answer.answeredAt, roundTripMs: round3(answer.answeredMono - startMono), cold };
    const metrics: FunctionMetrics = { ...answer.metrics };
    if (cold && instance.initDurationMs !== undefined) metrics.initDurationMs = round3(instance.initDurationMs);
    // A spike between two samples of the watch still leaves its mark in the peak.
    const peakMB = hooks.peakMemoryMB(instance);
    if (peakMB !== undefined) metrics.maxMemoryUsedMB = peakMB;
    if (peakMB !== undefined && peakMB > limits.memoryMB) {
      stop('out-of-memory', `it used ${peakMB} MB, over its ${limits.memoryMB} MB memory size`, peakMB);
      const oom = hooks.describe(new InstanceFailure('out-of-memory', { phase: 'call', stderrTail: [], rssMB: peakMB }), instance);
      if (oom instanceof Error) throw oom;
      return withLogs({ ...oom, metrics, ...times }, answer.logs);
    }
    pool.release(instance);
    // As on Lambda, a result over the platform's response limit fails the call; the instance served it and stays warm.
    const tooLarge = answer.ok ? responseTooLarge(answer.result, answer.answerBytes, limits.maxResponse) : undefined;
    const outcome: Invocation = tooLarge
      ? { status: 'error', error: tooLarge, metrics, ...times }
      : answer.ok
        ? { status: 'ok', result: answer.result, metrics, ...times }
        : { status: 'error', error: answer.error, metrics, ...times };
    if (answer.nested) outcome.nested = answer.nested;
    return withLogs(outcome, answer.logs);
  } catch (err) {
    if (!(err instanceof InstanceFailure)) {
      // The platform refused (image gone, engine stopped): the instance must not linger half-made.
      pool.stop(instance, 'it could not be started');
      throw err;
    }
    if (err.kind === 'aborted' || signal?.aborted) throw abortError(signal);
    const described = hooks.describe(err, instance);
    if (described instanceof Error) throw described;
    const metrics = failureMetrics(limits, instance, cold, err.detail.rssMB);
    return withLogs({ ...described, metrics, ...timing() }, instance.currentCallLogs());
  } finally {
    clearTimeout(timer);
    unwatch?.();
    signal?.removeEventListener('abort', onAbort);
  }
}
