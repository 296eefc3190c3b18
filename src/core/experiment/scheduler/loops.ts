// The three ways calls are issued. All are plain async code over one event loop: a worker is a
// promise chain, not a thread, so thousands of calls in flight cost sockets, not threads.
import type { PlannedCall } from '../plan';
import type { CancelScope } from './cancel';
import { InFlight } from './in-flight';

/** Makes one call to the end (records it or drops it when cancelled); never rejects. */
export type ExecuteCall = (call: PlannedCall) => Promise<void>;

export interface LoopControl {
  execute: ExecuteCall;
  /** False once the run is cancelled or stopped on an error: no new call starts. */
  shouldIssue: () => boolean;
  scope: CancelScope;
  /** Told on every start and finish, for progress. */
  inFlight: InFlight;
}

/** FaaS Runner's threads: each worker makes its own calls back to back, in plan order, pulled as it goes. */
export async function runClosedLoop(threads: ReadonlyArray<Iterable<PlannedCall>>, control: LoopControl): Promise<void> {
  await Promise.all(
    threads.map(async (queue) => {
      for (const call of queue) {
        if (!control.shouldIssue()) return;
        // Counted around the await: no promise per call to track it.
        control.inFlight.enter();
        try {
          await control.execute(call);
        } finally {
          control.inFlight.leave();
        }
      }
    }),
  );
}

export interface OpenLoopReport {
  /** Arrivals that waited for a free slot because maxInFlight calls were in flight. */
  delayed: number;
}

/**
 * Arrivals at their planned times, whether or not earlier calls have finished. One timer at a
 * time: the loop sleeps until the next arrival is due and starts every call whose time has come.
 */
export async function runOpenLoop(calls: Iterable<PlannedCall>, control: LoopControl, maxInFlight: number): Promise<OpenLoopReport> {
  const start = performance.now();
  let origin: number | undefined;
  let delayed = 0;
  for (const call of calls) {
    origin ??= call.atMs ?? 0;
    const wait = start + ((call.atMs ?? 0) - origin) - performance.now();
    if (wait >= 1) await control.scope.sleep(wait);
    if (!control.shouldIssue()) break;
    if (control.inFlight.count >= maxInFlight) {
      delayed++;
      // Cancelling settles every call in flight at once, so this wait cannot outlive a cancel.
      await control.inFlight.waitBelow(maxInFlight);
      if (!control.shouldIssue()) break;
    }
    control.inFlight.track(control.execute(call));
  }
  await control.inFlight.waitIdle();
  return { delayed };
}

/** Every call released at once (up to maxInFlight), then wait for all of them. */
export async function runBurst(calls: Iterable<PlannedCall>, control: LoopControl, maxInFlight: number): Promise<void> {
  for (const call of calls) {
    if (!control.shouldIssue()) break;
    if (control.inFlight.count >= maxInFlight) {
      await control.inFlight.waitBelow(maxInFlight);
      if (!control.shouldIssue()) break;
    }
    control.inFlight.track(control.execute(call));
  }
  await control.inFlight.waitIdle();
}

/**
 * Idle probes, one call at a time: each priming call, then the idle wait (cancellable), then its
 * probe. A probe is never sent while its priming call is in flight.
 */
export async function runIdlePairs(calls: Iterable<PlannedCall>, control: LoopControl, idleMs: number): Promise<void> {
  for (const call of calls) {
    if (!control.shouldIssue()) return;
    if (call.idleRole === 'probe') await control.scope.sleep(idleMs);
    if (!control.shouldIssue()) return;
    const work = control.execute(call);
    control.inFlight.track(work);
    await work;
  }
}
