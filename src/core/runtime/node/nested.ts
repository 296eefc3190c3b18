// `context.invoke(name, payload)` on the local platform: the instance asks its provider over the
// fd 3 channel, and the provider calls the named function through its own invoke.
import type { InvocationError } from '../../model';
import type { InvokeAnswer, InvokeRequest } from './protocol';

export type Invoke = (name: string, payload?: unknown) => Promise<unknown>;

interface Waiting {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

/** Sends invoke requests with `write` and settles each when `settle` hears its answer. */
export function channelInvoker(write: (line: string) => void): { invoke: Invoke; settle(answer: InvokeAnswer): void } {
  const waiting = new Map<number, Waiting>();
  let next = 1;
  return {
    invoke: async (name, payload) => {
      if (typeof name !== 'string' || name === '') throw new TypeError('context.invoke(name, payload): name must be the name of a deployed FaaS Lab function');
      const request: InvokeRequest = { invoke: next++, name, ...(payload === undefined ? {} : { payload }) };
      // Encoded before waiting, so a payload JSON cannot carry fails in the caller's own code.
      const line = JSON.stringify(request) + '\n';
      const answer = new Promise<unknown>((resolve, reject) => waiting.set(request.invoke, { resolve, reject }));
      write(line);
      return answer;
    },
    settle: (answer) => {
      const w = waiting.get(answer.invoke);
      if (!w) return;
      waiting.delete(answer.invoke);
      if (answer.ok) w.resolve(answer.result);
      else w.reject(nestedError(answer.error));
    },
  };
}

/** The callee's error as the caller's handler catches it: its type as the name. */
export function nestedError(error: InvocationError): Error {
  const err = new Error(error.message);
  err.name = error.type;
  return err;
}
