// One planned call, start to finish: invoke with a client-side timeout, retry throttled answers
// with exponential backoff and full jitter, and report the final outcome. Never rejects: every
// failure is an outcome to record, except cancellation, which leaves the call unrecorded so a
// resume makes it again.
import type { Deployment, Invocation, Provider } from '../../model';
import type { RetryPolicy } from '../spec';
import type { CancelScope } from './cancel';
import type { SignalPool } from './signals';

export type CallOutcome =
  | { kind: 'answered'; invocation: Invocation }
  | { kind: 'timeout'; clientStart: number; clientEnd: number; timeoutMs: number }
  | { kind: 'threw'; error: unknown; clientStart: number; clientEnd: number };

export interface CallTarget {
  provider: Provider;
  deployment: Deployment;
}

export interface CallSettings {
  timeoutMs?: number;
  retry: RetryPolicy;
  scope: CancelScope;
  /** Each attempt's signal, reused from call to call, aborted and the attempt settled when the run is cancelled; without one, a controller per attempt. */
  signals?: SignalPool;
  /** Told before each retry's backoff, so progress can count retries as they happen. */
  onRetry?: () => void;
  random?: () => number;
}

/** The final outcome and how many throttled attempts were retried; undefined when cancelled. */
export function makeCall(target: CallTarget, payload: unknown, settings: CallSettings): Promise<{ outcome: CallOutcome; retries: number } | undefined> {
  // One promise for the call, its attempts chained by callbacks: no promise per attempt to await.
  return new Promise((resolve, reject) => {
    let retries = 0;
    const next = (): void => {
      if (settings.scope.cancelled) return resolve(undefined);
      attempt(target, payload, settings, (outcome) => {
        if (!outcome) return resolve(undefined);
        const throttled = outcome.kind === 'answered' && outcome.invocation.status === 'throttled';
        if (!throttled || retries >= settings.retry.maxRetries) return resolve({ outcome, retries });
        try {
          settings.onRetry?.();
        } catch (err) {
          // A failing listener fails the call's promise, as a throw in an async function would; it must not leave it pending.
          return reject(err);
        }
        void settings.scope.sleep(backoffMs(settings.retry, retries++, settings.random ?? Math.random)).then(next);
      });
    };
    next();
  });
}

/** Full jitter: uniform in [0, min(cap, base * 2^attempt)] (spreads retries of a throttled burst). */
export function backoffMs(retry: RetryPolicy, attemptIndex: number, random: () => number): number {
  return random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attemptIndex);
}

/** Tells `done` the attempt's outcome (undefined when cancelled), once. */
function attempt(target: CallTarget, payload: unknown, settings: CallSettings, done: (outcome: CallOutcome | undefined) => void): void {
  const { timeoutMs, scope, signals } = settings;
  if (scope.cancelled) {
    done(undefined);
    return;
  }
  const clientStart = Date.now();
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let removeCancel: (() => void) | undefined;
  const settle = (outcome: CallOutcome | undefined): void => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    if (signals) signals.release(controller);
    else removeCancel!();
    done(outcome);
  };
  // A cancel leaves the call unrecorded. The pool aborts its controllers itself, so a pooled call
  // registers nothing on the scope (no listener to add and remove per call).
  const cancelled = (): void => settle(undefined);
  const controller = signals ? signals.acquire(cancelled) : new AbortController();
  if (!signals) {
    removeCancel = scope.onCancel(() => {
      controller.abort(new Error('The run was cancelled'));
      cancelled();
    });
  }
  if (timeoutMs !== undefined) {
    // Settle at the deadline even if the provider ignores its signal: the client has given up.
    timer = setTimeout(() => {
      controller.abort(new Error(`No answer within ${timeoutMs} ms`));
      settle({ kind: 'timeout', clientStart, clientEnd: Date.now(), timeoutMs });
    }, timeoutMs);
  }
  let pending: Promise<Invocation>;
  try {
    pending = target.provider.invoke(target.deployment, payload, { signal: controller.signal });
  } catch (error) {
    settle({ kind: 'threw', error, clientStart, clientEnd: Date.now() });
    return;
  }
  pending.then(
    (invocation) => settle({ kind: 'answered', invocation }),
    (error: unknown) => settle({ kind: 'threw', error, clientStart, clientEnd: Date.now() }),
  );
}
