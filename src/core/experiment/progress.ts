// Live progress of a run, emitted at most every 100 ms (and at every phase change and at the
// end) so a UI is not flooded at thousands of calls per second.
import type { RunCounts } from '../results/run-info';

export interface RunProgress {
  /** Calls in the plan. */
  total: number;
  /** Calls recorded so far, including those from before a resume. */
  done: number;
  inFlight: number;
  /** Calls recorded as error or timeout. */
  errors: number;
  /** Calls recorded as throttled after their retries ran out. */
  throttled: number;
  /** Throttled attempts retried so far. */
  retries: number;
  /** Calls recorded per second since this session started. */
  ratePerS: number;
  elapsedMs: number;
  /** e.g. "local · 256 MB · iteration 2/3". */
  phase: string;
}

const EMIT_EVERY_MS = 100;

export class ProgressTracker {
  private readonly startedAt = performance.now();
  private readonly doneAtStart: number;
  private lastEmit = -Infinity;
  phase = 'starting';

  constructor(
    private readonly counts: RunCounts,
    private readonly inFlight: () => number,
    /** Retries as they happen (records only carry them once the call ends). */
    private readonly retries: () => number,
    private readonly listener: ((p: RunProgress) => void) | undefined,
  ) {
    this.doneAtStart = counts.recorded;
  }

  setPhase(phase: string): void {
    this.phase = phase;
    this.emit(true);
  }

  emit(force = false): void {
    if (!this.listener) return;
    const now = performance.now();
    if (!force && now - this.lastEmit < EMIT_EVERY_MS) return;
    this.lastEmit = now;
    this.listener(this.snapshot(now));
  }

  snapshot(now = performance.now()): RunProgress {
    const elapsedMs = now - this.startedAt;
    const c = this.counts;
    return {
      total: c.planned,
      done: c.recorded,
      inFlight: this.inFlight(),
      errors: c.errors + c.timeouts,
      throttled: c.throttled,
      retries: this.retries(),
      ratePerS: elapsedMs > 0 ? ((c.recorded - this.doneAtStart) * 1000) / elapsedMs : 0,
      elapsedMs,
      phase: this.phase,
    };
  }
}
