// The pieces of a call on a platform that runs its own instances (local processes, Docker
// containers): the timer that stops an instance, the abort error, and the record of a call that
// was throttled or failed.
import { performance } from 'node:perf_hooks';
import type { FunctionMetrics, Invocation, InvocationError } from '../../core/model';
import type { FunctionLimits } from './limits';
import { round3 } from './round';

/** Stops the instance with a timeout failure after `seconds`, noting `reason` for its log. */
export function limitTime<I extends { kill(kind: 'timeout'): void }>(pool: { noteStopReason(instance: I, reason: string): void }, instance: I, seconds: number, reason: string): NodeJS.Timeout {
  return setTimeout(() => {
    pool.noteStopReason(instance, reason);
    instance.kill('timeout');
  }, seconds * 1000);
}

/** The error fetch and other Node APIs reject with when a signal aborts them. */
export function abortError(signal: AbortSignal | undefined): DOMException {
  const err = new DOMException('The invocation was cancelled', 'AbortError');
  if (signal?.reason !== undefined) Object.defineProperty(err, 'cause', { value: signal.reason });
  return err;
}

/** A call no instance could take: every one is busy and the pool is at its most. */
export function throttledInvocation(error: InvocationError, clientStart: number, startMono: number): Invocation {
  return { status: 'throttled', error, metrics: {}, clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - startMono) };
}

/** What is known of a call whose instance failed: the function, the instance, its load time and memory. */
export function failureMetrics(
  limits: FunctionLimits,
  instance: { uuid?: string | undefined; calls: number; initDurationMs?: number | undefined },
  cold: boolean,
  rssMB: number | undefined,
): FunctionMetrics {
  const metrics: FunctionMetrics = { functionName: limits.name, functionMemory: limits.memoryMB };
  if (instance.uuid) {
    metrics.uuid = instance.uuid;
    metrics.newcontainer = instance.calls === 0 ? 1 : 0;
  }
  if (cold && instance.initDurationMs !== undefined) metrics.initDurationMs = round3(instance.initDurationMs);
  if (rssMB !== undefined) metrics.maxMemoryUsedMB = rssMB;
  return metrics;
}

export function withLogs(inv: Invocation, lines: string[]): Invocation {
  if (lines.length > 0) inv.logs = lines.join('\n');
  return inv;
}
