// Lambda applies creates and updates asynchronously: the next change or call made while a
// function is Pending or its last update is InProgress fails with ResourceConflictException.
// These helpers wait for the function to settle instead, so the user never sees that error.
import { GetFunctionConfigurationCommand, type FunctionConfiguration, type LambdaClient } from '@aws-sdk/client-lambda';
import { UserError } from '../../core/model';
import { isBusy } from './errors';

export interface AwsTiming {
  /** First poll interval while waiting for a function to settle; grows to maxPollMs. */
  pollMs: number;
  maxPollMs: number;
  /** Give up waiting for a function to settle after this long. */
  maxWaitMs: number;
  /** How often a call refused because the function is busy is retried (after waiting again). */
  busyRetries: number;
  /** How long a new execution role may take to become usable by Lambda (IAM is eventually consistent). */
  roleWaitMs: number;
}

export const DEFAULT_TIMING: AwsTiming = { pollMs: 500, maxPollMs: 3_000, maxWaitMs: 5 * 60_000, busyRetries: 5, roleWaitMs: 60_000 };

/** Polls GetFunctionConfiguration until the function is neither Pending nor InProgress; its final configuration. */
export async function waitUntilSettled(lambda: LambdaClient, name: string, timing: AwsTiming, signal?: AbortSignal): Promise<FunctionConfiguration> {
  const started = Date.now();
  let delay = timing.pollMs;
  for (;;) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }), { abortSignal: signal });
    if (isSettled(config, name)) return config;
    if (Date.now() - started + delay > timing.maxWaitMs) {
      const what = config.State === 'Pending' ? 'still being created' : 'still applying an update';
      throw new UserError(`${name} is ${what} after ${Math.round((Date.now() - started) / 1000)} s: try again in a minute, or check it in the AWS console`);
    }
    await sleep(delay, signal);
    delay = Math.min(timing.maxPollMs, Math.round(delay * 1.5));
  }
}

/** True when changes and calls are accepted now; throws when Lambda reports the create or last update failed. */
export function isSettled(config: FunctionConfiguration, name: string): boolean {
  if (config.State === 'Failed') {
    throw new UserError(`Lambda could not create ${name}: ${config.StateReason ?? 'no reason given'} (${config.StateReasonCode ?? 'Failed'}). Fix the cause and deploy again.`);
  }
  if (config.LastUpdateStatus === 'Failed') {
    throw new UserError(
      `Lambda could not apply the last update to ${name}: ${config.LastUpdateStatusReason ?? 'no reason given'} (${config.LastUpdateStatusReasonCode ?? 'Failed'}). Fix the cause and deploy again.`,
    );
  }
  return config.State !== 'Pending' && config.LastUpdateStatus !== 'InProgress';
}

/** Runs `call`; when Lambda answers that the function is busy, waits for it to settle and tries again (bounded). */
export async function whenSettled<T>(lambda: LambdaClient, name: string, timing: AwsTiming, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isBusy(err) || attempt >= timing.busyRetries) throw err;
      await waitUntilSettled(lambda, name, timing, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error(reason instanceof Error ? reason.message : 'The operation was aborted');
  err.name = 'AbortError';
  return err;
}
