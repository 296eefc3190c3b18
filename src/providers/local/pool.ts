// The instances of one function: idle ones are reused (most recently used first), new ones are
// started while fewer than maxConcurrency are in use, and idle ones stop after the keep-alive time.
import { Instance, type InstanceLaunch, type LogSink } from './instance';

export type Lease = { instance: Instance; cold: boolean } | { throttled: true };

export interface PoolOptions {
  maxConcurrency: number;
  keepAliveMs: number;
  logSink: LogSink;
  /** Told about every instance that stopped, with why (for the function's log). */
  onStopped: (instance: Instance, reason: string) => void;
}

export class FunctionPool {
  private readonly instances = new Set<Instance>();
  /** Idle instances, most recently used last. */
  private readonly idle: Instance[] = [];
  private readonly keepAlive = new Map<Instance, NodeJS.Timeout>();
  private readonly stopReasons = new Map<Instance, string>();

  constructor(private readonly options: PoolOptions) {}

  /** An idle instance running `launch.configKey`, else a new one, else throttled. */
  acquire(launch: InstanceLaunch): Lease {
    this.retireStale(launch.configKey, 'its code or configuration changed');
    const warm = this.idle.pop();
    if (warm) {
      this.clearKeepAlive(warm);
      return { instance: warm, cold: false };
    }
    if (this.instances.size - this.idle.length >= this.options.maxConcurrency) return { throttled: true };
    const instance = new Instance(launch, this.options.logSink);
    instance.onExit = (i) => this.forget(i);
    this.instances.add(instance);
    return { instance, cold: true };
  }

  /** Takes back an instance after its call: it waits for the next one, or stops if retired. */
  release(instance: Instance): void {
    if (instance.state !== 'idle') return;
    if (instance.retired) {
      this.stop(instance, 'its code or configuration changed');
      return;
    }
    this.idle.push(instance);
    const timer = setTimeout(() => this.stop(instance, `idle for the keep-alive time (${Math.round(this.options.keepAliveMs / 1000)} s)`), this.options.keepAliveMs);
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

  /** Stops every instance and resolves when all have exited. */
  async stopAll(reason: string): Promise<void> {
    const all = [...this.instances];
    for (const instance of all) this.stop(instance, reason);
    await Promise.all(all.map((i) => i.exited));
  }

  get size(): number {
    return this.instances.size;
  }

  /** Records why an instance is being stopped (reported when it exits) and kills it. */
  stop(instance: Instance, reason: string): void {
    if (!this.stopReasons.has(instance)) this.stopReasons.set(instance, reason);
    this.removeIdle(instance);
    instance.kill('stopped');
  }

  /** Notes the reason for a kill made elsewhere (timeout, memory, abort) for the log. */
  noteStopReason(instance: Instance, reason: string): void {
    if (!this.stopReasons.has(instance)) this.stopReasons.set(instance, reason);
  }

  /** Instances not running `configKey` stop: idle ones now, busy ones after their call. */
  retireStale(configKey: string, reason: string): void {
    for (const instance of [...this.instances]) {
      if (instance.launch.configKey === configKey) continue;
      instance.retired = true;
      if (this.idle.includes(instance)) this.stop(instance, reason);
    }
  }

  /** Code folders live instances run from (kept on disk until they stop). */
  codeDirs(): string[] {
    return [...new Set([...this.instances].map((i) => i.launch.cwd))];
  }

  private forget(instance: Instance): void {
    this.instances.delete(instance);
    this.removeIdle(instance);
    const reason = this.stopReasons.get(instance) ?? 'it exited on its own';
    this.stopReasons.delete(instance);
    this.options.onStopped(instance, reason);
  }

  private removeIdle(instance: Instance): void {
    this.clearKeepAlive(instance);
    const at = this.idle.indexOf(instance);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private clearKeepAlive(instance: Instance): void {
    const timer = this.keepAlive.get(instance);
    if (timer) clearTimeout(timer);
    this.keepAlive.delete(instance);
  }
}
