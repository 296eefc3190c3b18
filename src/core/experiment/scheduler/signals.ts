// AbortSignals for provider calls, reused: one controller per call in flight, handed back when the
// call ends unaborted. A controller per attempt costs an EventTarget each; one signal shared by all
// calls collects a listener per call in flight (Node scans them on every add and remove, and warns
// past 10). An aborted controller (a timeout, the run's cancel) is never handed out again. The pool
// also tells each call in flight of a cancel, so a call needs no listener of its own on the scope.
import type { CancelScope } from './cancel';

export class SignalPool {
  private readonly free: AbortController[] = [];
  /** Each controller in flight, with what to tell its call when the run is cancelled. */
  private readonly inUse = new Map<AbortController, () => void>();

  constructor(private readonly scope: CancelScope) {
    scope.onCancel(() => {
      const calls = [...this.inUse];
      this.inUse.clear();
      for (const [c, onCancel] of calls) {
        c.abort(new Error('The run was cancelled'));
        onCancel();
      }
      this.free.length = 0;
    });
  }

  /** A controller for one call: aborted already when the run is cancelled; `onCancel` runs after it is aborted by a cancel. */
  acquire(onCancel: () => void = noop): AbortController {
    const controller = this.free.pop() ?? new AbortController();
    if (this.scope.cancelled) controller.abort(new Error('The run was cancelled'));
    else this.inUse.set(controller, onCancel);
    return controller;
  }

  /** Takes a controller back once its call has ended; kept for the next call unless it was aborted. */
  release(controller: AbortController): void {
    if (this.inUse.delete(controller) && !controller.signal.aborted) this.free.push(controller);
  }

  /** Controllers waiting for a call (for tests). */
  get idle(): number {
    return this.free.length;
  }
}

function noop(): void {}
