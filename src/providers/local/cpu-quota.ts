// Scales CPU with memory size on the local platform as AWS Lambda does (1769 MB = one vCPU, less in
// proportion), with the CFS bandwidth control Lambda enforces it by: while an instance serves a call
// it may use at most CPU_PERIOD_MS × memoryMB / 1769 ms of CPU time per period; once that quota is
// used up the process is stopped (SIGSTOP) until the period ends. No root or cgroups needed.
import { performance } from 'node:perf_hooks';
import { CpuClock } from './cpu-time';

export const CPU_PERIOD_MS = 100;
/** The memory size Lambda gives one full vCPU. */
export const ONE_VCPU_MB = 1769;

/** What the quota needs of an instance: its process, stopping and continuing it, and its end. */
export interface Throttleable {
  readonly pid: number | undefined;
  readonly exited: Promise<void>;
  pause(): void;
  resume(): void;
}

/** CPU time an instance may use per period, or undefined: not limited. */
export function cpuQuotaMs(memoryMB: number): number | undefined {
  // Above 1769 MB Lambda gives more than one vCPU, but one process serving one call cannot use more
  // than one core meaningfully (its extra threads are GC and I/O), so it runs unlimited.
  return memoryMB >= ONE_VCPU_MB ? undefined : (CPU_PERIOD_MS * memoryMB) / ONE_VCPU_MB;
}

/** One instance's CPU clock and current period, kept across its calls: back-to-back calls share a period's quota. */
interface InstanceCpu {
  clock: CpuClock;
  periodStartMs: number;
  allowanceMs: number;
  usedMs: number;
}

export class CpuQuota {
  private readonly instances = new WeakMap<Throttleable, InstanceCpu>();
  /**
   * Stopped now. A stopped process cannot notice that FaaS Lab is gone, so these are continued when
   * it exits. Killed outright, FaaS Lab leaves that to the kernel: under unshare and setpriv a
   * stopped instance is SIGKILLed with its PID namespace (see private-tmp.ts).
   */
  private readonly paused = new Set<Throttleable>();
  private readonly continueAll = () => {
    for (const instance of this.paused) instance.resume();
  };

  /** Limits the instance's CPU for the call it is about to serve; the returned function ends that and continues it. */
  limit(instance: Throttleable, memoryMB: number): () => void {
    const quotaMs = cpuQuotaMs(memoryMB);
    if (quotaMs === undefined || instance.pid === undefined) return () => undefined;
    let cpu = this.instances.get(instance);
    if (!cpu) {
      const clock = new CpuClock(instance.pid);
      cpu = { clock, periodStartMs: -Infinity, allowanceMs: quotaMs, usedMs: 0 };
      this.instances.set(instance, cpu);
      // Its threads' files stay open between calls (a read is then ~30 µs) and close when it exits.
      void instance.exited.then(() => clock.close());
    }
    return new CallThrottle(this, instance, quotaMs, cpu).start();
  }

  pause(instance: Throttleable): void {
    if (this.paused.size === 0) process.on('exit', this.continueAll);
    this.paused.add(instance);
    instance.pause();
  }

  resume(instance: Throttleable): void {
    instance.resume();
    if (this.paused.delete(instance) && this.paused.size === 0) process.off('exit', this.continueAll);
  }
}

/** The checks during one call. */
class CallThrottle {
  private lastCpuMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly quota: CpuQuota,
    private readonly instance: Throttleable,
    private readonly quotaMs: number,
    private readonly cpu: InstanceCpu,
  ) {}

  start(): () => void {
    // CPU used while idle between calls is not the call's (Lambda freezes an idle instance).
    const baseline = this.cpu.clock.read();
    if (baseline === undefined) return () => undefined;
    this.lastCpuMs = baseline;
    const now = performance.now();
    // A call after an idle gap starts a period; one right after the last call goes on with its period.
    if (now >= this.cpu.periodStartMs + CPU_PERIOD_MS) this.nextPeriod(now);
    this.decide(now);
    return () => this.end();
  }

  /** Adds the CPU used since the last check to the period, and acts on what is left of the quota. */
  private check(): void {
    this.timer = undefined;
    if (this.ended) return;
    if (!this.sample()) {
      this.end();
      return;
    }
    const now = performance.now();
    if (now >= this.cpu.periodStartMs + CPU_PERIOD_MS) this.nextPeriod(now);
    this.decide(now);
  }

  /**
   * Waits until the quota could be used up: a process cannot use more CPU than wall time passes
   * (one busy thread), so a check after min(quota left, time to the period's end) overshoots only
   * by timer lateness (or extra busy threads), and an overshoot is taken off the next period.
   */
  private decide(now: number): void {
    const leftMs = this.cpu.allowanceMs - this.cpu.usedMs;
    const toEndMs = this.cpu.periodStartMs + CPU_PERIOD_MS - now;
    if (leftMs > 0) {
      this.wait(Math.min(leftMs, toEndMs), () => this.check());
      return;
    }
    // Quota used up: throttled until the period ends, as CFS throttles a cgroup.
    this.quota.pause(this.instance);
    this.wait(toEndMs, () => {
      this.quota.resume(this.instance);
      this.check();
    });
  }

  private wait(ms: number, then: () => void): void {
    this.timer = setTimeout(then, ms);
    // The busy instance's channel keeps the process alive; the checks alone must not.
    this.timer.unref();
  }

  /** Adds the CPU used since the last sample to the period; false once the process is gone. */
  private sample(): boolean {
    const cpuMs = this.cpu.clock.read();
    if (cpuMs === undefined) return false;
    this.cpu.usedMs += cpuMs - this.lastCpuMs;
    this.lastCpuMs = cpuMs;
    return true;
  }

  private nextPeriod(now: number): void {
    const overshootMs = Math.max(0, this.cpu.usedMs - this.cpu.allowanceMs);
    this.cpu.periodStartMs = now;
    // Debt is capped at one quota: a long stall of FaaS Lab's own event loop must not stop the instance for periods.
    this.cpu.allowanceMs = this.quotaMs - Math.min(this.quotaMs, overshootMs);
    this.cpu.usedMs = 0;
  }

  /** Idempotent: the call's last CPU goes to the period, and the process is never left stopped. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sample();
    this.quota.resume(this.instance);
  }
}
