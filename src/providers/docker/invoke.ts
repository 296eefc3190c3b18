// One call on the Docker platform: get a container (warm, new, or none: throttled), enforce the
// init timeout and timeout around it (the engine enforces the memory size), and turn what
// happened into an Invocation.
import { performance } from 'node:perf_hooks';
import type { FunctionMetrics, Invocation } from '../../core/model';
import { InstanceFailure } from '../local/instance';
import { abortError, failureMetrics, limitTime, round3, throttledInvocation, withLogs } from '../shared/calls';
import { describeContainerFailure, throttledError, type FunctionLimits } from './failures';
import type { DockerInstance, InstanceSpec } from './instance';
import type { ContainerPool } from './pool';

export interface CallSetup {
  limits: FunctionLimits;
  spec: InstanceSpec;
  pool: ContainerPool;
  /** The payload, JSON-encoded once by the caller (undefined: none). */
  payloadJson: string | undefined;
  signal?: AbortSignal;
  /** Writes a platform line to the function's log. */
  log(instance: DockerInstance, message: string): void;
  /** Peak memory of the container so far, in MB, where it can be read. */
  peakMemoryMB(instance: DockerInstance): number | undefined;
}

export async function callFunction(setup: CallSetup): Promise<Invocation> {
  const { limits, pool, signal } = setup;
  const clientStart = Date.now();
  const startMono = performance.now();
  const lease = pool.acquire(setup.spec);
  if ('throttled' in lease) {
    return throttledInvocation(throttledError(limits), clientStart, startMono);
  }
  const { instance, cold } = lease;
  const timing = () => ({ clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - startMono), cold });

  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    pool.noteStopReason(instance, 'the caller cancelled the call');
    instance.kill('aborted');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (cold) {
      timer = limitTime(pool, instance, limits.initTimeoutS, 'it did not answer its health check within the init timeout');
      await instance.start();
      clearTimeout(timer);
      setup.log(instance, `container ${instance.containerId?.slice(0, 12)} started, healthy in ${Math.round(instance.initDurationMs ?? 0)} ms`);
    }
    timer = limitTime(pool, instance, limits.timeoutS, 'the call reached the timeout');
    const answer = await instance.call(setup.payloadJson);
    clearTimeout(timer);
    // Timed at the answer, not after the wait for its last log lines.
    const times = { clientStart, clientEnd: answer.answeredAt, roundTripMs: round3(answer.answeredMono - startMono), cold };
    const metrics: FunctionMetrics = { ...answer.metrics };
    if (cold && instance.initDurationMs !== undefined) metrics.initDurationMs = round3(instance.initDurationMs);
    const peakMB = setup.peakMemoryMB(instance);
    if (peakMB !== undefined) metrics.maxMemoryUsedMB = peakMB;
    pool.release(instance);
    const outcome: Invocation = answer.ok ? { status: 'ok', result: answer.result, metrics, ...times } : { status: 'error', error: answer.error, metrics, ...times };
    return withLogs(outcome, answer.logs);
  } catch (err) {
    if (!(err instanceof InstanceFailure)) {
      // The engine refused (image gone, engine stopped): the container must not linger half-made.
      pool.stop(instance, 'it could not be started');
      throw err;
    }
    if (err.kind === 'aborted' || signal?.aborted) throw abortError(signal);
    const { status, error } = describeContainerFailure(err, limits);
    const metrics = failureMetrics(limits, instance, cold, err.detail.rssMB);
    return withLogs({ status, error, metrics, ...timing() }, instance.currentCallLogs());
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
