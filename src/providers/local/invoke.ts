// One call on the local platform: get an instance (warm, new, or none: throttled), enforce
// the init timeout, timeout, memory size and CPU share around it, and turn what happened into an
// Invocation.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { UserError, type FunctionMetrics, type Invocation } from '../../core/model';
import type { CpuQuota } from './cpu-quota';
import { describeFailure, throttledError, type FunctionLimits } from './failures';
import { InstanceFailure, type Instance, type InstanceLaunch } from './instance';
import { readStatusMB, type MemoryWatch } from './memory-watch';
import type { FunctionPool } from './pool';
import type { CurrentFunction } from './state';

export interface CallSetup {
  fn: CurrentFunction;
  limits: FunctionLimits;
  launch: InstanceLaunch;
  pool: FunctionPool;
  memoryWatch: MemoryWatch;
  /** Limits CPU per memory size while calls run; undefined: CPU is not scaled. */
  cpuQuota: CpuQuota | undefined;
  /** The payload, JSON-encoded once by the caller (undefined: none). */
  payloadJson: string | undefined;
  signal?: AbortSignal;
  /** Writes a platform line to the function's log. */
  log(instance: Instance, message: string): void;
}

export async function callFunction(setup: CallSetup): Promise<Invocation> {
  const { fn, limits, pool, signal } = setup;
  const d = fn.deployment;
  const clientStart = Date.now();
  const startMono = performance.now();
  const lease = pool.acquire(setup.launch);
  if ('throttled' in lease) {
    return { status: 'throttled', error: throttledError(limits), metrics: {}, clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - startMono) };
  }
  const { instance, cold } = lease;
  const timing = () => ({ clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - startMono), cold });

  let timer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  let unlimitCpu: (() => void) | undefined;
  const onAbort = () => {
    pool.noteStopReason(instance, 'the caller cancelled the call');
    instance.kill('aborted');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (cold) {
      unwatch = watchMemory(setup, instance);
      timer = limitTime(pool, instance, limits.initTimeoutS, 'it did not load within the init timeout');
      await instance.ready();
      clearTimeout(timer);
      setup.log(instance, `instance started, handler loaded in ${Math.round(instance.initDurationMs ?? 0)} ms`);
    }
    unwatch ??= watchMemory(setup, instance);
    timer = limitTime(pool, instance, d.timeoutS, 'the call reached the timeout');
    // Calls only: loading is left at full speed, as Lambda's init phase measurably runs faster than
    // its handler at small memory sizes.
    unlimitCpu = setup.cpuQuota?.limit(instance, d.memoryMB);
    const answer = await instance.call(setup.payloadJson, Date.now() + d.timeoutS * 1000);
    const times = timing();
    clearTimeout(timer);
    unwatch();
    // Continued before anything else may stop or reuse the instance.
    unlimitCpu?.();
    const metrics: FunctionMetrics = { ...answer.metrics };
    if (cold && instance.initDurationMs !== undefined) metrics.initDurationMs = round3(instance.initDurationMs);
    const logs = joinLogs(answer.logs);
    // A spike between two RSS samples still leaves its mark in the high-water mark.
    const peakMB = instance.pid === undefined ? undefined : readStatusMB(instance.pid, 'VmHWM');
    if (peakMB !== undefined) metrics.maxMemoryUsedMB = peakMB;
    if (peakMB !== undefined && peakMB > d.memoryMB) {
      pool.noteStopReason(instance, `it used ${peakMB} MB, over its ${d.memoryMB} MB memory size`);
      instance.kill('out-of-memory', peakMB);
      const oom = describeFailure(new InstanceFailure('out-of-memory', { phase: 'call', stderrTail: [], rssMB: peakMB }), limits);
      return withLogs({ ...oom, metrics, ...times }, logs);
    }
    pool.release(instance);
    const outcome: Invocation = answer.ok
      ? { status: 'ok', result: answer.result, metrics, ...times }
      : { status: 'error', error: answer.error, metrics, ...times };
    return withLogs(outcome, logs);
  } catch (err) {
    if (!(err instanceof InstanceFailure)) throw err;
    if (err.kind === 'aborted' || signal?.aborted) throw abortError(signal);
    if (err.kind === 'spawn-failed') throw spawnError(fn, instance, err);
    const { status, error } = describeFailure(err, limits);
    const metrics: FunctionMetrics = { functionName: d.name, functionMemory: d.memoryMB };
    if (instance.uuid) {
      metrics.uuid = instance.uuid;
      metrics.newcontainer = instance.calls === 0 ? 1 : 0;
    }
    if (cold && instance.initDurationMs !== undefined) metrics.initDurationMs = round3(instance.initDurationMs);
    if (err.detail.rssMB !== undefined) metrics.maxMemoryUsedMB = err.detail.rssMB;
    return withLogs({ status, error, metrics, ...timing() }, joinLogs(instance.currentCallLogs()));
  } finally {
    clearTimeout(timer);
    unwatch?.();
    unlimitCpu?.();
    signal?.removeEventListener('abort', onAbort);
  }
}

function watchMemory(setup: CallSetup, instance: Instance): () => void {
  const limitMB = setup.fn.deployment.memoryMB;
  if (instance.pid === undefined) return () => undefined;
  return setup.memoryWatch.watch(instance.pid, limitMB, (rssMB) => {
    setup.pool.noteStopReason(instance, `it used ${rssMB} MB, over its ${limitMB} MB memory size`);
    instance.kill('out-of-memory', rssMB);
  });
}

function limitTime(pool: FunctionPool, instance: Instance, seconds: number, reason: string): NodeJS.Timeout {
  return setTimeout(() => {
    pool.noteStopReason(instance, reason);
    instance.kill('timeout');
  }, seconds * 1000);
}

function spawnError(fn: CurrentFunction, instance: Instance, err: InstanceFailure): UserError {
  const d = fn.deployment;
  if (!existsSync(fn.codeDir)) return new UserError(`The code of ${d.name} is missing from ${fn.codeDir}: deploy the function again`);
  return new UserError(
    `Could not start ${instance.launch.command} for ${d.name} (${err.detail.cause?.message ?? 'unknown error'}): ` +
      (d.language === 'python' ? 'install Python 3.9+ or set faasLab.local.pythonPath' : 'install Node.js 20+ or set faasLab.local.nodePath'),
  );
}

/** The error fetch and other Node APIs reject with when a signal aborts them. */
export function abortError(signal: AbortSignal | undefined): DOMException {
  const err = new DOMException('The invocation was cancelled', 'AbortError');
  if (signal?.reason !== undefined) Object.defineProperty(err, 'cause', { value: signal.reason });
  return err;
}

function withLogs(inv: Invocation, logs: string | undefined): Invocation {
  if (logs !== undefined) inv.logs = logs;
  return inv;
}

function joinLogs(lines: string[]): string | undefined {
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
