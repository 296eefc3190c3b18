// The instances of one function, with a cloud's policy: idle ones are reused (most recently used
// first), new ones start while fewer than maxConcurrency are in use, idle ones stop after the
// keep-alive time. Shared by the local platform (processes) and Docker (containers).

/** What the pool needs of an instance. */
export interface PooledInstance {
  state: string;
  retired: boolean;
  readonly exited: Promise<void>;
  onExit?: (instance: never) => void;
  kill(kind: 'stopped'): void;
}

export type Lease<I> = { instance: I; cold: boolean } | { throttled: true };

export interface PoolOptions<I, S> {
  maxConcurrency: number;
  keepAliveMs: number;
  /** A new, not yet started instance for `spec`. */
  create: (spec: S) => I;
  /** The code and configuration an instance (or a spec) runs: instances of another key are retired. */
  configKeyOf: (spec: S) => string;
  specOf: (instance: I) => S;
  /** Why an instance gone without being stopped went, e.g. "it exited on its own". */
  goneOnItsOwn: string;
  /** Told about every instance that stopped, with why (for the function's log). */
  onStopped: (instance: I, reason: string) => void;
}

export class InstancePool<I extends PooledInstance, S> {
  private readonly instances = new Set<I>();
  /** Idle instances, most recently used last. */
  private readonly idle: I[] = [];
  private readonly keepAlive = new Map<I, NodeJS.Timeout>();
  private readonly stopReasons = new Map<I, string>();

  constructor(private readonly options: PoolOptions<I, S>) {}

  /** An idle instance running `spec`'s configuration, else a new one, else throttled. */
  acquire(spec: S): Lease<I> {
    this.retireStale(this.options.configKeyOf(spec), 'its code or configuration changed');
    const warm = this.idle.pop();
    if (warm) {
      this.clearKeepAlive(warm);
      return { instance: warm, cold: false };
    }
    if (this.instances.size - this.idle.length >= this.options.maxConcurrency) return { throttled: true };
    const instance = this.options.create(spec);
    instance.onExit = ((i: I) => this.forget(i)) as never;
    this.instances.add(instance);
    return { instance, cold: true };
  }

  /** Takes back an instance after its call: it waits for the next one, or stops if retired. */
  release(instance: I): void {
    if (instance.state !== 'idle') return;
    if (instance.retired) {
      this.stop(instance, 'its code or configuration changed');
      return;
    }
    this.idle.push(instance);
    const seconds = Math.round(this.options.keepAliveMs / 1000);
    const timer = setTimeout(() => this.stop(instance, `idle for the keep-alive time (${seconds} s)`), this.options.keepAliveMs);
    timer.unref();
    this.keepAlive.set(instance, timer);
  }

  /** Next calls start new instances: idle ones stop now, busy ones after their call. */
  retireAll(reason: string): void {
    for (const instance of [...this.instances]) {
      instance.retired = true;
      if (this.idle.includes(instance)) this.stop(instance, reason);
    }
  }

  /** Instances not running `configKey` stop: idle ones now, busy ones after their call. */
  retireStale(configKey: string, reason: string): void {
    for (const instance of [...this.instances]) {
      if (this.options.configKeyOf(this.options.specOf(instance)) === configKey) continue;
      instance.retired = true;
      if (this.idle.includes(instance)) this.stop(instance, reason);
    }
  }

  /** Stops every instance and resolves when all are gone. */
  async stopAll(reason: string): Promise<void> {
    const all = [...this.instances];
    for (const instance of all) this.stop(instance, reason);
    await Promise.all(all.map((i) => i.exited));
  }

  get size(): number {
    return this.instances.size;
  }

  all(): I[] {
    return [...this.instances];
  }

  /** Records why an instance is being stopped (reported when it is gone) and kills it. */
  stop(instance: I, reason: string): void {
    this.noteStopReason(instance, reason);
    this.removeIdle(instance);
    instance.kill('stopped');
  }

  /** Notes the reason for a kill made elsewhere (timeout, memory, abort) for the log. */
  noteStopReason(instance: I, reason: string): void {
    if (!this.stopReasons.has(instance)) this.stopReasons.set(instance, reason);
  }

  private forget(instance: I): void {
    this.instances.delete(instance);
    this.removeIdle(instance);
    const reason = this.stopReasons.get(instance) ?? this.options.goneOnItsOwn;
    this.stopReasons.delete(instance);
    this.options.onStopped(instance, reason);
  }

  private removeIdle(instance: I): void {
    this.clearKeepAlive(instance);
    const at = this.idle.indexOf(instance);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private clearKeepAlive(instance: I): void {
    const timer = this.keepAlive.get(instance);
    if (timer) clearTimeout(timer);
    this.keepAlive.delete(instance);
  }
}
