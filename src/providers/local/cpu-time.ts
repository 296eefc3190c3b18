// How much CPU time an instance process has used, read from Linux's /proc: the sum over its
// threads (V8's GC and compiler threads count too) of the first field of
// /proc/<pid>/task/<tid>/schedstat, nanoseconds on a CPU. Kernels without schedstat fall back to
// utime + stime of /proc/<pid>/stat, in clock ticks.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux ABI Node runs on. */
const TICK_MS = 10;

/** Whether process CPU times can be read here (Linux); elsewhere CPU is not scaled. */
export function cpuTimeAvailable(): boolean {
  return existsSync('/proc/self/stat');
}

/** A process's CPU time, measured from its first read. Close it when done: it holds a file per thread. */
export class CpuClock {
  /** One open schedstat file per thread, re-read in place (cheaper than opening it each time). */
  private readonly threads = new Map<string, { fd: number; lastNs: number | undefined }>();
  private readonly buffer = Buffer.allocUnsafe(128);
  private usedNs = 0;
  private opened = false;
  private closed = false;
  private statBaseMs: number | undefined;

  constructor(private readonly pid: number) {}

  /** CPU milliseconds used since the first read (which gives 0); undefined once the process is gone. */
  read(): number | undefined {
    if (this.closed) return undefined;
    if (this.statBaseMs !== undefined) return this.readStat();
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return undefined;
    }
    const seen = new Set<string>();
    for (const tid of tids) {
      let thread = this.threads.get(tid);
      if (!thread) {
        const fd = this.open(tid);
        if (fd === undefined) continue;
        // Threads there at the first read are the baseline; later ones started since and count whole.
        thread = { fd, lastNs: this.opened ? 0 : undefined };
        this.threads.set(tid, thread);
      }
      const ns = this.sample(thread.fd);
      if (ns === undefined) continue;
      seen.add(tid);
      this.usedNs += Math.max(0, ns - (thread.lastNs ?? ns));
      thread.lastNs = ns;
    }
    // An exited thread's time was counted up to its last read; its fd only answers errors now.
    for (const [tid, thread] of this.threads) {
      if (seen.has(tid)) continue;
      closeSync(thread.fd);
      this.threads.delete(tid);
    }
    if (!this.opened && seen.size === 0) {
      // No schedstat (a kernel built without it): the coarser utime + stime.
      this.statBaseMs = statTimeMs(this.pid);
      return this.statBaseMs === undefined ? undefined : 0;
    }
    this.opened = true;
    return this.usedNs / 1e6;
  }

  close(): void {
    this.closed = true;
    for (const thread of this.threads.values()) closeSync(thread.fd);
    this.threads.clear();
  }

  private open(tid: string): number | undefined {
    try {
      return openSync(`/proc/${this.pid}/task/${tid}/schedstat`, 'r');
    } catch {
      return undefined;
    }
  }

  private sample(fd: number): number | undefined {
    try {
      const n = readSync(fd, this.buffer, 0, this.buffer.length, 0);
      const end = this.buffer.indexOf(0x20);
      const ns = Number(this.buffer.toString('latin1', 0, end > 0 && end < n ? end : n));
      return Number.isFinite(ns) ? ns : undefined;
    } catch {
      return undefined;
    }
  }

  private readStat(): number | undefined {
    const ms = statTimeMs(this.pid);
    return ms === undefined || this.statBaseMs === undefined ? undefined : ms - this.statBaseMs;
  }
}

/** utime + stime of /proc/<pid>/stat in ms (all threads, 10 ms steps), or undefined. */
function statTimeMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * TICK_MS : undefined;
}
