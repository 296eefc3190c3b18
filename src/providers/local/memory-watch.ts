// Enforces memory sizes on the local platform: while instances are busy their resident set size
// is sampled from /proc/<pid>/statm, and an instance over its limit is reported at once.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** How often RSS is sampled with few instances busy; short enough to catch a runaway allocation before it takes the machine. */
export const MEMORY_POLL_MS = 25;
/** Most /proc reads per second for all instances together: with many busy, each is sampled less often. */
export const MAX_READS_PER_S = 2_000;

/** The poll interval for `count` busy instances. */
export function memoryPollMs(count: number): number {
  return Math.max(MEMORY_POLL_MS, (count * 1000) / MAX_READS_PER_S);
}

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
  /** /proc reads so far (for the bench). */
  reads = 0;

  /** Starts watching; the returned function stops it. */
  watch(target: WatchedProcess, limitMB: number, onExceed: (rssMB: number) => void): () => void {
    const entry: Watched = { process: target, limitMB, onExceed };
    this.watched.add(entry);
    if (!this.timer) this.schedule();
    return () => {
      this.watched.delete(entry);
      if (this.watched.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.poll(), memoryPollMs(this.watched.size));
    // The busy instance's channel keeps the process alive; the poll alone must not.
    this.timer.unref();
  }

  private poll(): void {
    this.timer = undefined;
    for (const w of this.watched) {
      const pid = w.process.pid;
      if (pid === undefined) continue;
      this.reads += 1;
      const rss = readRssMB(pid);
      if (rss !== undefined && rss > w.limitMB) {
        this.watched.delete(w);
        w.onExceed(rss);
      }
    }
    if (this.watched.size > 0) this.schedule();
  }
}

let pageBytes: number | undefined;
/** The kernel's page size (statm counts pages), asked once. */
function pageSize(): number {
  if (pageBytes === undefined) {
    const r = spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' });
    const n = Number(r.stdout?.trim());
    pageBytes = Number.isInteger(n) && n > 0 ? n : 4096;
  }
  return pageBytes;
}

/** /proc/<pid>/<file>, or undefined when the process is gone (or off Linux). */
function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1');
  } catch {
    return undefined;
  }
}

const toMB = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The process's resident set size in MB from /proc/<pid>/statm (its second field, in pages), or undefined off Linux. */
export function readRssMB(pid: number): number | undefined {
  const statm = readProc(pid, 'statm');
  if (statm === undefined) return undefined;
  const pages = Number(statm.split(' ')[1]);
  return Number.isFinite(pages) ? toMB(pages * pageSize()) : undefined;
}

const PEAK = /^VmHWM:\s+(\d+)\s+kB/m;

/** The process's peak resident set size (VmHWM of /proc/<pid>/status) in MB, or undefined off Linux. */
export function readPeakMB(pid: number): number | undefined {
  const status = readProc(pid, 'status');
  const kb = status === undefined ? undefined : PEAK.exec(status)?.[1];
  return kb === undefined ? undefined : toMB(Number(kb) * 1024);
}
