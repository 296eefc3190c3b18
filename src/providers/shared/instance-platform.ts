// The part of a platform that runs its own instances (local processes, Docker containers): one
// pool per function with a cloud's policy, the function's log, and the call skeleton. A platform
// says how to make an instance, where its log is and what a call does (CallHooks).
import { type Deployment, type Invocation, type InvokeOptions } from '../../core/model';
import { BadInputError } from '../../core/bad-input';
import { abortError } from './calls';
import { configuredDeployment } from './deployments';
import { DEFAULT_KEEP_ALIVE_MS, DEFAULT_MAX_CONCURRENCY, checkLimits, limitsOf, type FunctionLimits } from './limits';
import type { FailureWords } from './failure-messages';
import { callInstance, type CallHooks, type PlatformInstance } from './instance-call';
import { LogStore, type InstanceLogEntry } from './log-store';
import type { PayloadLimits } from './payload';
import { InstancePool } from './pool';

export interface InstancePlatformOptions {
  /** How long an idle instance stays warm. Default 5 minutes. */
  keepAliveMs?: number;
  /** Most instances of one function at once; calls beyond are throttled. Default 100. */
  maxConcurrency?: number;
}

/** How a platform names itself and its instances in messages and logs. */
export interface InstancePlatformWords extends FailureWords {
  /** As messages name the platform: `local`, `Docker`. */
  platform: string;
  /** Its instances, plural: `instances`, `containers`. */
  instances: string;
  /** Why an instance gone without being stopped went, e.g. "it exited on its own". */
  goneOnItsOwn: string;
}

export type LogSink<I> = (stream: 'stdout' | 'stderr', line: string, instance: I) => void;

export abstract class InstancePlatform<I extends PlatformInstance, S extends { configKey: string }> {
  protected readonly keepAliveMs: number;
  protected readonly maxConcurrency: number;
  protected readonly logStore = new LogStore();
  protected disposed = false;
  private readonly pools = new Map<string, InstancePool<I, S>>();

  constructor(
    protected readonly words: InstancePlatformWords,
    options: InstancePlatformOptions,
    /** What one call may send and answer with (the platform's descriptor's sizeLimits). */
    protected readonly payloadLimits: PayloadLimits,
  ) {
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    this.maxConcurrency = Math.max(1, Math.floor(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY));
  }

  /** A new, not yet started instance running `spec`, whose output goes to `sink`. */
  protected abstract createInstance(spec: S, sink: LogSink<I>): I;
  protected abstract specOf(instance: I): S;
  protected abstract logFile(name: string): string;
  /** How the function's log names an instance. */
  protected abstract logFields(instance: I): Pick<InstanceLogEntry, 'pid' | 'instance'>;
  /** Told about every instance that stopped, after its log line. */
  protected abstract instanceStopped(name: string, instance: I): void;
  /** The log line of an instance that stopped. */
  protected abstract stoppedMessage(instance: I, reason: string): string | undefined;
  abstract get(name: string, signal?: AbortSignal): Promise<Deployment | undefined>;
  abstract invoke(deployment: Deployment, payload: unknown, options?: InvokeOptions): Promise<Invocation>;

  /** A handler's `context.invoke`: the named function, called through this platform as any call is. */
  protected readonly invokeByName = async (name: string, payload: unknown): Promise<Invocation> => {
    const deployment = await this.get(name);
    if (!deployment) throw new BadInputError(`context.invoke: no ${this.words.platform} function '${name}': deploy it first (faas-lab deploy <file>)`);
    return this.invoke(deployment, payload);
  };

  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.pools.get(deployment.name)?.retireAll(`FaaS Lab recycled the function’s ${this.words.instances}`);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.stopAll(`the ${this.words.platform} platform shut down`)));
    await this.logStore.flush();
  }

  /** How many instances a function has in this process now (starting, busy or idle): for tests and the bench. */
  instanceCount(name: string): number {
    return this.pools.get(name)?.size ?? 0;
  }

  protected async tailLog(name: string, options: { limit?: number; signal?: AbortSignal }): Promise<InstanceLogEntry[]> {
    options.signal?.throwIfAborted();
    return this.logStore.tail(this.logFile(name), options.limit ?? 100);
  }

  /** Refuses a call on a platform that is cancelled or shut down. */
  protected checkCallable(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw abortError(signal);
    if (this.disposed) throw new Error(`The ${this.words.platform} platform has been shut down`);
  }

  protected checkLimits(memoryMB: number, timeoutS: number): void {
    checkLimits(this.words.platform, memoryMB, timeoutS);
  }

  protected configured(current: Deployment, change: Parameters<typeof configuredDeployment>[2]): Deployment {
    return configuredDeployment(this.words.platform, current, change);
  }

  protected limitsOf(d: Deployment): FunctionLimits {
    return limitsOf(d, this.maxConcurrency, this.payloadLimits.response);
  }

  protected callFunction(name: string, spec: S, limits: FunctionLimits, hooks: CallHooks<I>, signal?: AbortSignal): Promise<Invocation> {
    return callInstance({ spec, limits, pool: this.poolFor(name), signal, hooks, log: (instance, message) => this.log(name, instance, 'platform', message) });
  }

  /** Instances not running `configKey` stop: idle ones now, busy ones after their call. */
  protected retireStale(name: string, configKey: string, reason: string): void {
    this.pools.get(name)?.retireStale(configKey, reason);
  }

  /** Stops the function's instances and forgets its log (it is being removed). */
  protected async stopFunction(name: string): Promise<void> {
    const pool = this.pools.get(name);
    this.pools.delete(name);
    await pool?.stopAll('the function was removed');
    this.logStore.forget(this.logFile(name));
  }

  /** The function's live instances (starting, busy or idle). */
  protected instancesOf(name: string): I[] {
    return this.pools.get(name)?.all() ?? [];
  }

  protected log(name: string, instance: I, stream: InstanceLogEntry['stream'], message: string): void {
    this.logStore.append(this.logFile(name), { time: new Date().toISOString(), stream, ...this.logFields(instance), message });
  }

  private poolFor(name: string): InstancePool<I, S> {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new InstancePool<I, S>({
        maxConcurrency: this.maxConcurrency,
        keepAliveMs: this.keepAliveMs,
        create: (spec) => this.createInstance(spec, (stream, line, instance) => this.log(name, instance, stream, line)),
        configKeyOf: (spec) => spec.configKey,
        specOf: (instance) => this.specOf(instance),
        goneOnItsOwn: this.words.goneOnItsOwn,
        onStopped: (instance, reason) => {
          const message = this.stoppedMessage(instance, reason);
          if (message !== undefined) this.log(name, instance, 'platform', message);
          this.instanceStopped(name, instance);
        },
      });
      this.pools.set(name, pool);
    }
    return pool;
  }
}
