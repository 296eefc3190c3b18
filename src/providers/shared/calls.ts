// What the platforms that run their own instances (local processes, Docker containers) do the
// same way around a call: their defaults and limits, the timer that
// stops an instance, the record of a call that was throttled or failed, and the Deployment a
// deploy or a configuration change makes.
import { performance } from 'node:perf_hooks';
import { UserError, type Artifact, type ConfigureChange, type Deployment, type FunctionSpec, type FunctionMetrics, type Invocation, type InvocationError, type PlatformId } from '../../core/model';
import { round3 } from './round';

export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;
export const DEFAULT_MAX_CONCURRENCY = 100;
/** Loading a handler may take this long (or the function's timeout, if longer), as on Lambda. */
const MIN_INIT_TIMEOUT_S = 10;
const MIN_MEMORY_MB = 64;

/** A deployed function's limits, as its calls enforce them and its failures quote them. */
export interface FunctionLimits {
  name: string;
  memoryMB: number;
  timeoutS: number;
  initTimeoutS: number;
  maxConcurrency: number;
}

export function limitsOf(d: Deployment, maxConcurrency: number): FunctionLimits {
  return { name: d.name, memoryMB: d.memoryMB, timeoutS: d.timeoutS, initTimeoutS: Math.max(MIN_INIT_TIMEOUT_S, d.timeoutS), maxConcurrency };
}

/** `platform` as a message names it: `local`, `Docker`. */
export function checkLimits(platform: string, memoryMB: number, timeoutS: number): void {
  if (!Number.isFinite(memoryMB) || memoryMB < MIN_MEMORY_MB) {
    throw new UserError(`A memory size of ${memoryMB} MB is too small for a ${platform} function: use ${MIN_MEMORY_MB} MB or more (128 is the usual minimum on clouds)`);
  }
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UserError(`A timeout of ${timeoutS} s is not possible: use a positive number of seconds`);
}

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

/** What a deploy checks before it does anything: the artifact is the handler's, its limits are possible. */
export function checkDeployable(platform: string, spec: FunctionSpec, artifact: Artifact): void {
  if (artifact.language !== spec.language) {
    throw new Error(`Artifact for ${artifact.functionName} is ${artifact.language}, but ${spec.name} is a ${spec.language} handler`);
  }
  checkLimits(platform, spec.memoryMB, spec.timeoutS);
}

/** The Deployment a deploy of `spec` makes, as of now. */
export function deploymentOf(platform: PlatformId, spec: FunctionSpec, artifact: Artifact, endpoint?: string): Deployment {
  return {
    platform,
    name: spec.name,
    language: artifact.language,
    runtime: artifact.runtime,
    memoryMB: spec.memoryMB,
    timeoutS: spec.timeoutS,
    codeHash: artifact.codeHash,
    ...(endpoint === undefined ? {} : { endpoint }),
    updatedAt: new Date().toISOString(),
    sourceFile: spec.file,
    handler: spec.handler,
    env: { ...spec.env },
    managed: true,
  };
}

/** `current` with the change's memory size and timeout, once they are checked possible. */
export function configuredDeployment(platform: string, current: Deployment, change: ConfigureChange): Deployment {
  const updated: Deployment = {
    ...current,
    memoryMB: change.memoryMB ?? current.memoryMB,
    timeoutS: change.timeoutS ?? current.timeoutS,
    updatedAt: new Date().toISOString(),
  };
  checkLimits(platform, updated.memoryMB, updated.timeoutS);
  return updated;
}
