// One cancellation point for a whole run. Calls, backoff sleeps and pauses register here instead
// of on the caller's AbortSignal: a thousand listeners on one AbortSignal trip Node's leak warning,
// and a Set gives O(1) add and remove per call.

export class CancelScope {
  private readonly listeners = new Set<() => void>();
  private done = false;

  get cancelled(): boolean {
    return this.done;
  }

  cancel(): void {
    if (this.done) return;
    this.done = true;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }

  /** Calls `listener` once on cancel (at once when already cancelled); returns its removal. */
  onCancel(listener: () => void): () => void {
    if (this.done) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Wait `ms`, or less when the scope is cancelled meanwhile; never leaves a timer behind. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.done) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        remove();
        resolve();
      }, ms);
      const remove = this.onCancel(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** An AbortSignal for provider calls that should stop when the run is cancelled. */
  signal(): AbortSignal {
    const controller = new AbortController();
    this.onCancel(() => controller.abort(new Error('The run was cancelled')));
    return controller.signal;
  }
}
