// The Node runtime shim: calls a user's `(request, context)` handler and measures the call.
// It is bundled with user code (esbuild), so it imports only Node builtins and its siblings,
// and does nothing when imported: each adapter starts only when called.
import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { InvocationError } from '../../model';
import { makeContext, runWithMetrics, type Handler, type HandlerContext } from './call';
import { countCall, instanceUuid, numberOr, round3 } from './inspect';
import { endOutput } from './end-output';
import { LineSplitter } from './line-splitter';
import { lambdaSender } from './lambda-invoke';
import { channelInvoker, recordingInvoker, traceOf, withTree } from './nested';
import type { CallResponse, ProviderMessage, ReadyMessage } from './protocol';

export type { CallRequest, CallResponse, InstanceMessage, ReadyMessage } from './protocol';
export { errorRecord, makeContext, runWithMetrics, type Handler, type HandlerContext, type Outcome } from './call';
export { serveHttp, METRICS_HEADER } from './http';

/**
 * The local platform's process loop: requests arrive on fd 3 (a socketpair from the provider)
 * as JSON lines and answers go back the same way, so stdout and stderr stay the function's logs.
 */
export function serveLocal(handler: Handler, handlerName: string): void {
  const loadedMs = performance.now();
  const functionName = process.env.FAASLAB_FUNCTION_NAME || handlerName;
  const memoryMB = numberOr(process.env.FAASLAB_MEMORY_MB);
  let channel: Socket;
  try {
    channel = new Socket({ fd: 3, readable: true, writable: true });
  } catch {
    console.error('This is a FaaS Lab local-platform bundle: the local provider starts it with a channel on fd 3. Invoke it with FaaS Lab (e.g. faas-lab invoke).');
    process.exit(2);
  }
  const send = (message: ReadyMessage | CallResponse) => channel.write(encode(message));
  const nested = channelInvoker((line) => channel.write(line));
  // The provider closing its end means it is gone: an instance never outlives its platform.
  channel.on('end', () => process.exit(0));
  channel.on('error', () => process.exit(0));
  // If the provider was killed, a call in flight never reads the closed channel; a new parent
  // process (the reaper) tells the same, as soon as the event loop gets a turn.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();

  let queue = Promise.resolve();
  const lines = new LineSplitter((line) => {
    if (line.trim() === '') return;
    const message = JSON.parse(line) as ProviderMessage;
    // The answer to a nested call arrives while the handler waits for it, not queued behind it.
    if ('invoke' in message) {
      nested.settle(message);
      return;
    }
    const request = message;
    // One call at a time, as a cloud instance serves them.
    queue = queue.then(async () => {
      const context = makeContext(functionName, request.deadlineMs, memoryMB, nested.invoke);
      send({ id: request.id, ...(await runWithMetrics(handler, request.payload, context)) });
      if (request.end !== undefined) await endOutput(request.end);
    });
  });
  channel.setEncoding('utf8');
  channel.on('data', (chunk: string) => lines.push(chunk));
  send({ ready: true, initMs: round3(loadedMs), uuid: instanceUuid(), lang: 'node', version: process.versions.node });
}

/** JSON line for the provider; a result JSON cannot carry becomes an error the user can act on. */
function encode(message: ReadyMessage | CallResponse): string {
  try {
    return JSON.stringify(message) + '\n';
  } catch (err) {
    if (!('ok' in message) || !message.ok) throw err;
    const error: InvocationError = {
      type: 'ResultNotSerializable',
      message: `The handler's return value cannot be sent as JSON (${(err as Error).message}). Return plain objects, arrays, strings, numbers, booleans or null.`,
    };
    return JSON.stringify({ id: message.id, ok: false, error, metrics: message.metrics }) + '\n';
  }
}

/** The shape Lambda's Node runtime passes as `context` (only what the shim reads). */
interface LambdaContext {
  functionName?: string;
  memoryLimitInMB?: string | number;
  awsRequestId?: string;
  getRemainingTimeInMillis?: () => number;
}

/** What FaaS Lab sends when it wants metrics back: `{ "__faaslab": { "metrics": true }, "payload": ... }`. */
interface MetricsEnvelope {
  /** `trace`: the ids a FaaS Lab caller gave this call (context.invoke from another function). */
  __faaslab: { metrics: true; trace?: unknown };
  payload?: unknown;
}

function isMetricsEnvelope(event: unknown): event is MetricsEnvelope {
  if (typeof event !== 'object' || event === null) return false;
  const marker = (event as { __faaslab?: unknown }).__faaslab;
  return typeof marker === 'object' && marker !== null && (marker as { metrics?: unknown }).metrics === true;
}

/**
 * A Lambda handler around a FaaS Lab handler. Calls made outside FaaS Lab get the plain return
 * value (and a thrown error, as Lambda reports it); a metrics envelope gets
 * `{ ok: true, result, metrics }` or `{ ok: false, error, metrics }`.
 */
export function lambdaHandler(handler: Handler): (event: unknown, context: LambdaContext) => Promise<unknown> {
  return async (event, lambdaContext) => {
    const envelope = isMetricsEnvelope(event);
    // context.invoke calls Lambda itself; the calls it makes go back with the outcome.
    const tree = recordingInvoker(traceOf(envelope ? event.__faaslab.trace : undefined), lambdaSender());
    const context = contextFromLambda(lambdaContext ?? {}, tree.invoke);
    if (!envelope) {
      countCall();
      return handler(event, context);
    }
    return withTree(await runWithMetrics(handler, event.payload, context), tree);
  };
}

function contextFromLambda(lc: LambdaContext, invoke: HandlerContext['invoke']): HandlerContext {
  const env = process.env;
  return {
    invoke,
    functionName: lc.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME ?? env.FAASLAB_FUNCTION_NAME ?? '',
    memoryLimitInMB: numberOr(lc.memoryLimitInMB === undefined ? env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE : String(lc.memoryLimitInMB)),
    requestId: lc.awsRequestId ?? randomUUID(),
    getRemainingTimeInMillis: () => (lc.getRemainingTimeInMillis ? lc.getRemainingTimeInMillis() : Number.MAX_SAFE_INTEGER),
    log: (...args: unknown[]) => console.log(...args),
    platformContext: lc,
  };
}
