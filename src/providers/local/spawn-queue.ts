// Starts instance processes a few at a time. One spawn() blocks the event loop for the fork of
// this whole process (16-18 ms here); 200 cold starts at once would freeze it for seconds. Queued
// spawns run in order, at most `perTurn` per event-loop turn, with a setImmediate between turns so
// timers, sockets and a Ctrl-C get their turn; a spawn cancelled while queued never runs.

/** Spawns per event-loop turn: two keep a turn's stall near 35 ms, under a 50 ms p99 event-loop delay. */
export const SPAWNS_PER_TURN = 2;

interface Job {
  /** Must not throw: a spawn reports its own failures (Instance turns them into a failed start). */
  run: () => void;
  state: 'queued' | 'ran' | 'cancelled';
}

export class SpawnQueue {
  private jobs: Job[] = [];
  /** Index of the next job to run in `jobs` (dequeued without shifting). */
  private head = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private readonly perTurn: number;

  constructor(perTurn = SPAWNS_PER_TURN) {
    if (!(perTurn >= 1)) throw new Error(`A spawn queue needs at least 1 spawn per turn, got ${perTurn}`);
    this.perTurn = perTurn;
  }

  /** Spawns waiting for their turn. */
  get waiting(): number {
    let n = 0;
    for (let i = this.head; i < this.jobs.length; i++) if (this.jobs[i].state === 'queued') n++;
    return n;
  }

  /**
   * Runs `spawn` in a later turn, after every spawn queued before it. Returns the cancel: true when
   * the spawn was dropped before it ran, false when it has run already.
   */
  enqueue(spawn: () => void): () => boolean {
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
    this.scheduled ??= setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = undefined;
    let started = 0;
    while (started < this.perTurn && this.head < this.jobs.length) {
      const job = this.jobs[this.head++];
      if (job.state !== 'queued') continue;
      job.state = 'ran';
      started++;
      job.run();
    }
    if (this.head >= this.jobs.length) {
      this.jobs = [];
      this.head = 0;
    } else {
      this.schedule();
    }
  }
}
