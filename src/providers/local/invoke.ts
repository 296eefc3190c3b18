// One call on the local platform: get an instance (warm, new, or none: throttled), enforce
// the init timeout, timeout, memory size and CPU share around it, and turn what happened into an
// Invocation.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { UserError, type FunctionMetrics, type Invocation } from '../../core/model';
import { abortError, failureMetrics, limitTime, round3, throttledInvocation, withLogs } from '../shared/calls';
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
    return throttledInvocation(throttledError(limits), clientStart, startMono);
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
    // A spike between two RSS samples still leaves its mark in the high-water mark.
    const peakMB = instance.pid === undefined ? undefined : readStatusMB(instance.pid, 'VmHWM');
    if (peakMB !== undefined) metrics.maxMemoryUsedMB = peakMB;
    if (peakMB !== undefined && peakMB > d.memoryMB) {
      pool.noteStopReason(instance, `it used ${peakMB} MB, over its ${d.memoryMB} MB memory size`);
      instance.kill('out-of-memory', peakMB);
      const oom = describeFailure(new InstanceFailure('out-of-memory', { phase: 'call', stderrTail: [], rssMB: peakMB }), limits);
      return withLogs({ ...oom, metrics, ...times }, answer.logs);
    }
    pool.release(instance);
    const outcome: Invocation = answer.ok
      ? { status: 'ok', result: answer.result, metrics, ...times }
      : { status: 'error', error: answer.error, metrics, ...times };
    return withLogs(outcome, answer.logs);
  } catch (err) {
    if (!(err instanceof InstanceFailure)) throw err;
    if (err.kind === 'aborted' || signal?.aborted) throw abortError(signal);
    if (err.kind === 'spawn-failed') throw spawnError(fn, instance, err);
    const { status, error } = describeFailure(err, limits);
    const metrics = failureMetrics(limits, instance, cold, err.detail.rssMB);
    return withLogs({ status, error, metrics, ...timing() }, instance.currentCallLogs());
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

function spawnError(fn: CurrentFunction, instance: Instance, err: InstanceFailure): UserError {
  const d = fn.deployment;
  if (!existsSync(fn.codeDir)) return new UserError(`The code of ${d.name} is missing from ${fn.codeDir}: deploy the function again`);
  return new UserError(
    `Could not start ${instance.launch.command} for ${d.name} (${err.detail.cause?.message ?? 'unknown error'}): ` +
      (d.language === 'python' ? 'install Python 3.9+ or set faasLab.local.pythonPath' : 'install Node.js 20+ or set faasLab.local.nodePath'),
  );
}

