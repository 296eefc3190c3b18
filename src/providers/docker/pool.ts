// The containers of one function: idle ones are reused (most recently used first), new ones are
// started while fewer than maxConcurrency are in use, and idle ones are removed after the
// keep-alive time. The same policy as the local platform's process pool.
import type Docker from 'dockerode';
import { DockerInstance, type InstanceSpec, type LogSink } from './instance';

export type Lease = { instance: DockerInstance; cold: boolean } | { throttled: true };

export interface PoolOptions {
  docker: Docker;
  maxConcurrency: number;
  keepAliveMs: number;
  logSink: LogSink;
  /** Told about every instance that stopped, with why (for the function's log). */
  onStopped: (instance: DockerInstance, reason: string) => void;
}

export class ContainerPool {
  private readonly instances = new Set<DockerInstance>();
  /** Idle instances, most recently used last. */
  private readonly idle: DockerInstance[] = [];
  private readonly keepAlive = new Map<DockerInstance, NodeJS.Timeout>();
  private readonly stopReasons = new Map<DockerInstance, string>();

  constructor(private readonly options: PoolOptions) {}

  /** An idle instance running `spec.configKey`, else a new (not yet started) one, else throttled. */
  acquire(spec: InstanceSpec): Lease {
    this.retireStale(spec.configKey, 'its code or configuration changed');
    const warm = this.idle.pop();
    if (warm) {
      this.clearKeepAlive(warm);
      return { instance: warm, cold: false };
    }
    if (this.instances.size - this.idle.length >= this.options.maxConcurrency) return { throttled: true };
    const instance = new DockerInstance(this.options.docker, spec, this.options.logSink);
    instance.onExit = (i) => this.forget(i);
    this.instances.add(instance);
    return { instance, cold: true };
  }

  /** Takes back an instance after its call: it waits for the next one, or stops if retired. */
  release(instance: DockerInstance): void {
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
      if (instance.spec.configKey === configKey) continue;
      instance.retired = true;
      if (this.idle.includes(instance)) this.stop(instance, reason);
    }
  }

  /** Stops every instance and resolves when all are removed. */
  async stopAll(reason: string): Promise<void> {
    const all = [...this.instances];
    for (const instance of all) this.stop(instance, reason);
    await Promise.all(all.map((i) => i.exited));
  }

  get size(): number {
    return this.instances.size;
  }

  /** Records why an instance is being stopped (reported when it is gone) and removes it. */
  stop(instance: DockerInstance, reason: string): void {
    this.noteStopReason(instance, reason);
    this.removeIdle(instance);
    instance.kill('stopped');
  }

  /** Notes the reason for a kill made elsewhere (timeout, memory, abort) for the log. */
  noteStopReason(instance: DockerInstance, reason: string): void {
    if (!this.stopReasons.has(instance)) this.stopReasons.set(instance, reason);
  }

  private forget(instance: DockerInstance): void {
    this.instances.delete(instance);
    this.removeIdle(instance);
    const reason = this.stopReasons.get(instance) ?? 'its container exited on its own';
    this.stopReasons.delete(instance);
    this.options.onStopped(instance, reason);
  }

  private removeIdle(instance: DockerInstance): void {
    this.clearKeepAlive(instance);
    const at = this.idle.indexOf(instance);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private clearKeepAlive(instance: DockerInstance): void {
    const timer = this.keepAlive.get(instance);
    if (timer) clearTimeout(timer);
    this.keepAlive.delete(instance);
  }
}
