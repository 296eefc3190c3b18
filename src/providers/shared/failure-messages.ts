// What a user reads when an instance (a process or a container) fails: what happened, and what
// to do next. The words are the same on every platform that runs its own instances but for the
// ones a platform states: who stops an instance, and which setting limits concurrency.
import type { InvocationError, InvocationStatus } from '../../core/model';
import type { FunctionLimits } from './limits';
import type { InstanceFailure } from './instance-failure';
import { RAISE_MEMORY, RAISE_TIMEOUT } from './shim-answer';

export interface FailureWords {
  /** A call cut short because the platform stopped its instance (function removed, closing). */
  stopped(f: FunctionLimits): string;
  /** The concurrency limit as a throttled call names it, e.g. `the local concurrency limit`. */
  concurrencyLimit: string;
  /** The setting that raises it, e.g. `faasLab.local.maxConcurrency`. */
  concurrencySetting: string;
}


/** Maps an instance failure to the invocation status and error the user sees. */
export function describeFailure(failure: InstanceFailure, f: FunctionLimits, words: FailureWords): { status: InvocationStatus; error: InvocationError } {
  const d = failure.detail;
  const tail = d.stderrTail.length > 0 ? `\nLast stderr lines:\n${d.stderrTail.join('\n')}` : '';
  switch (failure.kind) {
    case 'timeout':
      return {
        status: 'timeout',
        error: {
          type: 'Timeout',
          message:
            d.phase === 'init'
              ? `${f.name} did not finish loading within ${f.initTimeoutS} s and was stopped. Loading (module top level, imports) must be faster than that; move slow setup into the handler or check for code that waits forever.`
              : `${f.name} timed out after ${f.timeoutS} s (its timeout) and its instance was stopped; the next call starts a new one. If the work needs longer, ${RAISE_TIMEOUT}.`,
        },
      };
    case 'out-of-memory': {
      const used = d.rssMB !== undefined ? `used ${d.rssMB} MB` : 'ran out of JavaScript heap';
      return {
        status: 'error',
        error: {
          type: 'OutOfMemory',
          message: `${f.name} ${used} with a memory size of ${f.memoryMB} MB, so its instance was stopped${d.phase === 'init' ? ' while loading' : ''}. Use less memory per call, or ${RAISE_MEMORY}.`,
        },
      };
    }
    case 'crashed': {
      const how = d.signal ? `was killed by ${d.signal}` : `exited with code ${d.exitCode}`;
      if (d.phase === 'init') {
        return {
          status: 'error',
          error: {
            type: 'InitError',
            message: `${f.name} could not start: its instance ${how} before the handler was loaded. Fix the error below and deploy again.${tail}`,
          },
        };
      }
      return {
        status: 'error',
        error: {
          type: 'InstanceCrashed',
          message: `${f.name}'s instance ${how} during the call (process.exit, sys.exit or a native crash in the handler?); the next call starts a new one. Its logs have the full output.${tail}`,
        },
      };
    }
    case 'stopped':
      return {
        status: 'error',
        error: {
          type: 'InstanceStopped',
          message: words.stopped(f),
        },
      };
    case 'spawn-failed':
    case 'aborted':
      // Handled by the provider before it gets here (thrown, not recorded).
      return { status: 'error', error: { type: 'PlatformError', message: failure.detail.cause?.message ?? failure.message } };
  }
}

export function throttledError(f: FunctionLimits, words: FailureWords): InvocationError {
  return {
    type: 'Throttled',
    message: `Rate exceeded: ${f.name} already runs ${f.maxConcurrency} concurrent calls, ${words.concurrencyLimit}. Retry later, or raise ${words.concurrencySetting}.`,
  };
}
