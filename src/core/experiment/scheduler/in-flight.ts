// Counts calls in flight and lets one scheduler loop wait for a free slot or for all to finish,
// with O(1) work per call: no list of promises is kept or scanned.

export class InFlight {
  private current = 0;
  private peak = 0;
  private waiter: { below: number; resolve: () => void } | undefined;

  get count(): number {
    return this.current;
  }

  /** Most calls in flight at once so far. */
  get max(): number {
    return this.peak;
  }

  /** Count `work` while it runs; it must not reject (callers record failures themselves). */
  track(work: Promise<unknown>): void {
    this.enter();
    void work.then(this.leave);
  }

  /** One more in flight; a caller that awaits its work itself calls leave() after (no promise to track it). */
  enter(): void {
    this.current++;
    if (this.current > this.peak) this.peak = this.current;
  }

  readonly leave = (): void => {
    this.current--;
    const w = this.waiter;
    if (w && this.current < w.below) {
      this.waiter = undefined;
      w.resolve();
    }
  };

  /** Resolves once fewer than `below` calls are in flight. One waiter at a time (the scheduler loop). */
  waitBelow(below: number): Promise<void> {
    if (this.current < below) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiter = { below, resolve };
    });
  }

  waitIdle(): Promise<void> {
    return this.waitBelow(1);
  }
}
