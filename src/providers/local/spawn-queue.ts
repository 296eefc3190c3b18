// Starts instance processes a few at a time. One spawn() blocks the event loop for the fork of
// this whole process (16-18 ms in a large one), and 200 processes loading at once share the CPU
// with this one; 200 cold starts at once would freeze it for seconds. Queued spawns run in order,
// at most `perTurn` per event-loop turn (a setImmediate between turns, so timers, sockets and a
// Ctrl-C get theirs) and at most `maxStarting` still loading; a spawn cancelled while queued never runs.
import { availableParallelism } from 'node:os';

/**
 * Spawns per event-loop turn. One: a spawn costs 16-18 ms in a large process, and 25-50 ms in a
 * small one while the instances it started take the CPU; two a turn went past a 50 ms p99 event-loop delay.
 */
export const SPAWNS_PER_TURN = 1;

/** Instances loading at once by default: enough to keep every core busy loading, few enough to leave this process its share. */
export function defaultMaxStarting(): number {
  return 2 * availableParallelism();
}

export interface SpawnQueueOptions {
  /** Most spawns per event-loop turn (default SPAWNS_PER_TURN). */
  perTurn?: number;
  /** Most spawned instances still loading, waiting for their `done` (default defaultMaxStarting()). */
  maxStarting?: number;
}

/** Spawns the process; calls `done` once it has loaded or failed (it frees a start slot). Must not throw. */
export type SpawnJob = (done: () => void) => void;

interface Job {
  run: SpawnJob;
  state: 'queued' | 'ran' | 'cancelled';
}

export class SpawnQueue {
  private jobs: Job[] = [];
  /** Index of the next job to run in `jobs` (dequeued without shifting). */
  private head = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private starting = 0;
  private readonly perTurn: number;
  private readonly maxStarting: number;

  constructor(options: SpawnQueueOptions = {}) {
    this.perTurn = options.perTurn ?? SPAWNS_PER_TURN;
    this.maxStarting = options.maxStarting ?? defaultMaxStarting();
    if (!(this.perTurn >= 1)) throw new Error(`A spawn queue needs at least 1 spawn per turn, got ${this.perTurn}`);
    if (!(this.maxStarting >= 1)) throw new Error(`A spawn queue needs at least 1 instance starting at once, got ${this.maxStarting}`);
  }

  /** Spawns waiting for their turn. */
  get waiting(): number {
    let n = 0;
    for (let i = this.head; i < this.jobs.length; i++) if (this.jobs[i].state === 'queued') n++;
    return n;
  }

  /** Spawned instances that have not called `done` yet. */
  get loading(): number {
    return this.starting;
  }

  /**
   * Runs `spawn` in a later turn, after every spawn queued before it. Returns the cancel: true when
   * the spawn was dropped before it ran, false when it has run already.
   */
  enqueue(spawn: SpawnJob): () => boolean {
    const job: Job = { run: spawn, state: 'queued' };
    this.jobs.push(job);
    this.schedule();
    return () => {
      if (job.state !== 'queued') return false;
      job.state = 'cancelled';
      return true;
    };
  }

  private schedule(): void {
    if (this.head < this.jobs.length && this.starting < this.maxStarting) this.scheduled ??= setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = undefined;
    let started = 0;
    while (started < this.perTurn && this.starting < this.maxStarting && this.head < this.jobs.length) {
      const job = this.jobs[this.head++];
      if (job.state !== 'queued') continue;
      job.state = 'ran';
      started++;
      this.starting++;
      let freed = false;
      job.run(() => {
        if (freed) return;
        freed = true;
        this.starting--;
        this.schedule();
      });
    }
    if (this.head >= this.jobs.length) {
      this.jobs = [];
      this.head = 0;
    }
    this.schedule();
  }
}
