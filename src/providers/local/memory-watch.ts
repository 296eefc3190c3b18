// Enforces memory sizes on the local platform: while instances are busy their resident set size
// is sampled from /proc/<pid>/status, and an instance over its limit is reported at once.
import { readFileSync } from 'node:fs';

/** How often RSS is sampled; short enough to catch a runaway allocation before it takes the machine. */
export const MEMORY_POLL_MS = 25;

/** A process to watch; its pid may be known only some time after the watch starts (a wrapped instance). */
export interface WatchedProcess {
  readonly pid: number | undefined;
}

interface Watched {
  process: WatchedProcess;
  limitMB: number;
  onExceed: (rssMB: number) => void;
}

export class MemoryWatch {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;

  /** Starts watching; the returned function stops it. */
  watch(target: WatchedProcess, limitMB: number, onExceed: (rssMB: number) => void): () => void {
    const entry: Watched = { process: target, limitMB, onExceed };
    this.watched.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), MEMORY_POLL_MS);
      // The busy instance's channel keeps the process alive; the poll alone must not.
      this.timer.unref();
    }
    return () => {
      this.watched.delete(entry);
      if (this.watched.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    for (const w of this.watched) {
      const pid = w.process.pid;
      const rss = pid === undefined ? undefined : readStatusMB(pid, 'VmRSS');
      if (rss !== undefined && rss > w.limitMB) {
        this.watched.delete(w);
        w.onExceed(rss);
      }
    }
    if (this.watched.size === 0) this.stop();
  }
}

/** A memory line of /proc/<pid>/status in MB (VmRSS now, VmHWM the peak), or undefined off Linux. */
export function readStatusMB(pid: number, key: 'VmRSS' | 'VmHWM'): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const kb = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
  return kb === undefined ? undefined : Math.round((Number(kb) / 1024) * 10) / 10;
}
