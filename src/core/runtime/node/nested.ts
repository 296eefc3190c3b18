// `context.invoke(name, payload)`. Where FaaS Lab runs the instances, the provider answers it: the
// local instance asks over the fd 3 channel, a Docker container over HTTP at the provider's loopback
// endpoint, and the provider calls the named function through its own invoke. On the cloud platforms
// the shim calls the callee itself (recordingInvoker, with a platform's SendNested) and returns the
// calls it made, with their trace ids, in the call's outcome.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Invocation, InvocationError, NestedInvocation, TraceIds } from '../../model';
import type { Outcome } from './call';
import { round3 } from './inspect';
import { post } from './post';
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
    let text: string;
    try {
      text = (await post(new URL(url), { 'content-type': 'application/json', [INVOKE_TOKEN_HEADER]: token }, body)).text;
    } catch (err) {
      throw new Error(`context.invoke could not reach FaaS Lab at ${url} (${(err as Error).message}): the Docker provider answers there while it runs the call; on a network other than host, the engine must route host.docker.internal to the loopback of the machine running FaaS Lab (Docker Desktop does), else set faasLab.docker.networkMode to host`);
    }
    return settled(JSON.parse(text) as NestedAnswer);
  };
}

/** What a nested call came to, as the callee's platform answered it. */
export type NestedOutcome = Pick<Invocation, 'status' | 'result' | 'error' | 'metrics' | 'cold' | 'nested'>;

/** Sends one nested call on a platform where the shim calls the callee itself; throws when the call could not be made. */
export type SendNested = (name: string, payload: unknown, trace: TraceIds) => Promise<NestedOutcome>;

/** One call's context.invoke, and the calls it made, for the call's outcome. */
export interface CallTree {
  invoke: Invoke;
  trace: TraceIds;
  nested: NestedInvocation[];
}

/** The ids a call runs under: those its caller sent, else a new tree with this call at the top. */
export function traceOf(given: unknown): TraceIds {
  const g = (typeof given === 'object' && given !== null ? given : {}) as Partial<Record<keyof TraceIds, unknown>>;
  if (typeof g.traceId === 'string' && g.traceId !== '' && typeof g.callId === 'string' && g.callId !== '') {
    return { traceId: g.traceId, callId: g.callId, ...(typeof g.parentId === 'string' && g.parentId !== '' ? { parentId: g.parentId } : {}) };
  }
  const id = randomUUID();
  return { traceId: id, callId: id };
}

/**
 * context.invoke for one call on a cloud platform: `send` calls the callee (passing it the child's
 * ids), and each call is timed here and kept, with the callee's own nested calls, for the outcome.
 */
export function recordingInvoker(trace: TraceIds, send: SendNested): CallTree {
  const nested: NestedInvocation[] = [];
  const invoke: Invoke = async (name, payload) => {
    checkName(name);
    const child: TraceIds = { traceId: trace.traceId, callId: randomUUID(), parentId: trace.callId };
    const clientStart = Date.now();
    const t0 = performance.now();
    const outcome = await send(name, payload, child);
    nested.push({ ...outcome, function: name, trace: child, clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - t0) });
    if (outcome.status === 'ok') return outcome.result;
    throw nestedError(outcome.error ?? { type: outcome.status, message: `${name} ended ${outcome.status}` });
  };
  return { invoke, trace, nested };
}

/** A FaaS Lab shim's `{ ok, result | error, metrics, nested }` as a nested call's outcome; undefined for any other answer. */
export function shimOutcome(body: unknown): NestedOutcome | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Partial<Outcome>;
  if (typeof b.ok !== 'boolean' || typeof b.metrics !== 'object' || b.metrics === null) return undefined;
  const common = { metrics: b.metrics, ...(b.metrics.newcontainer === undefined ? {} : { cold: b.metrics.newcontainer === 1 }), ...(Array.isArray(b.nested) ? { nested: b.nested } : {}) };
  if (b.ok) return { status: 'ok', result: (b as { result?: unknown }).result, ...common };
  const error = (b as { error?: InvocationError }).error;
  return { status: 'error', error: error && typeof error.type === 'string' ? error : { type: 'Error', message: String(error?.message ?? 'the function failed') }, ...common };
}

/** The outcome with the calls it made and the ids it ran under; as it was when it made none. */
export function withTree(outcome: Outcome, tree: CallTree): Outcome {
  return tree.nested.length === 0 ? outcome : { ...outcome, nested: tree.nested, trace: tree.trace };
}

/** The answer's result, or its error thrown as the callee's. */
export function settled(answer: NestedAnswer): unknown {
  if (answer.ok) return answer.result;
  throw nestedError(answer.error);
}

function checkName(name: unknown): void {
  if (typeof name !== 'string' || name === '') throw new TypeError('context.invoke(name, payload): name must be the name of a deployed FaaS Lab function');
}
