// `context.invoke(name, payload)` where the platform answers it: on the local platform the instance
// asks its provider over the fd 3 channel; in a Docker container, over HTTP at the provider's
// loopback endpoint. Either way the provider calls the named function through its own invoke.
import type { InvocationError } from '../../model';
import { INVOKE_TOKEN_HEADER, type InvokeAnswer, type InvokeRequest, type NestedAnswer } from './protocol';

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
      checkName(name);
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

/**
 * `context.invoke` through the provider's endpoint (FAASLAB_INVOKE_URL, FAASLAB_INVOKE_TOKEN), or
 * undefined where the platform set none.
 */
export function endpointInvoker(env: NodeJS.ProcessEnv = process.env): Invoke | undefined {
  const url = env.FAASLAB_INVOKE_URL;
  const token = env.FAASLAB_INVOKE_TOKEN;
  if (!url || !token) return undefined;
  return async (name, payload) => {
    checkName(name);
    const body = JSON.stringify({ name, ...(payload === undefined ? {} : { payload }) });
    // node:http only when a handler calls out: most bundles never pay for loading it.
    const http = await import('node:http');
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [INVOKE_TOKEN_HEADER]: token } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(new Error(`context.invoke could not reach FaaS Lab at ${url} (${err.message}): the platform that ran this container is gone`)));
      req.end(body);
    });
    return settled(JSON.parse(text) as NestedAnswer);
  };
}

/** The answer's result, or its error thrown as the callee's. */
export function settled(answer: NestedAnswer): unknown {
  if (answer.ok) return answer.result;
  throw nestedError(answer.error);
}

function checkName(name: unknown): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('context.invoke(name, payload): name must be the name of a deployed FaaS Lab function');
}
