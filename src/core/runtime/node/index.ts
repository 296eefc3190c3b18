// The Node runtime shim: calls a user's `(request, context)` handler and measures the call.
// It is bundled with user code (esbuild), so it imports only Node builtins and its siblings,
// and does nothing when imported: each adapter starts only when called.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { FunctionMetrics, InvocationError } from '../../model';
import { beginCall, countCall, endCall, instanceUuid, numberOr, round3 } from './inspect';
import type { CallRequest, CallResponse, ReadyMessage } from './protocol';

export type { CallRequest, CallResponse, InstanceMessage, ReadyMessage } from './protocol';
export { serveHttp, METRICS_HEADER } from './http';

/** The second argument every handler receives, on every platform. */
export interface HandlerContext {
  functionName: string;
  memoryLimitInMB?: number;
  /** New for every call. */
  requestId: string;
  /** Time left before the platform stops the call. */
  getRemainingTimeInMillis(): number;
  /** Writes a line to the function's log. */
  log(...args: unknown[]): void;
  /** The platform's own context object, where it has one (e.g. Lambda's). */
  platformContext?: unknown;
}

export type Handler = (request: unknown, context: HandlerContext) => unknown;

export type Outcome =
  | { ok: true; result: unknown; metrics: FunctionMetrics }
  | { ok: false; error: InvocationError; metrics: FunctionMetrics };

/** Calls the handler once (sync or async) and returns its result or error with the call's metrics. */
export async function runWithMetrics(handler: Handler, request: unknown, context: HandlerContext): Promise<Outcome> {
  const newcontainer = countCall();
  const identity = { functionName: context.functionName, functionMemory: context.memoryLimitInMB };
  const probe = beginCall();
  try {
    const result = await handler(request, context);
    return { ok: true, result, metrics: endCall(probe, newcontainer, identity) };
  } catch (thrown) {
    const metrics = endCall(probe, newcontainer, identity);
    return { ok: false, error: errorRecord(thrown), metrics };
  }
}

export function errorRecord(thrown: unknown): InvocationError {
  if (thrown instanceof Error) {
    return { type: thrown.name || thrown.constructor?.name || 'Error', message: thrown.message, stack: userFrames(thrown.stack) };
  }
  return { type: 'HandlerError', message: `The handler threw a non-Error value: ${describe(thrown)}` };
}

/**
 * The stack without the shim's own frames (everything from the runWithMetrics frame down), its
 * positions in the bundle mapped back to the handler's own files.
 */
function userFrames(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  const lines = stack.split('\n');
  const shim = lines.findIndex((l) => /^\s+at (async )?runWithMetrics /.test(l));
  return (shim > 0 ? lines.slice(0, shim) : lines).map(originalPosition).join('\n');
}

const FRAME_POSITION = /(\(|at )([^()\s][^()]*?):(\d+):(\d+)(\)?)$/;
const INLINE_MAP = '//# sourceMappingURL=data:application/json;base64,';
const bundleMaps = new Map<string, SourceMap | undefined>();

/**
 * `at fn (/var/task/index.js:12:5)` → `at fn (/home/me/project/handler.ts:3:9)`, from the bundle's
 * inline source map. Platforms that run Node without --enable-source-maps (its parsing would slow
 * every cold start) still get stacks that name the user's files; the map is read on the first error.
 */
function originalPosition(line: string): string {
  const m = FRAME_POSITION.exec(line);
  if (!m) return line;
  const [, before, file, row, column, after] = m;
  const map = sourceMapOf(file);
  const entry = map?.findEntry(Number(row) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
  let source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  // FaaS Lab's bundles name sources relative to a sourceRoot: the handler's folder where it was packaged.
  const root = map!.payload.sourceRoot;
  if (root && !isAbsolute(source) && !/^[a-z]+:/i.test(source)) source = root + source;
  return `${line.slice(0, m.index)}${before}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${after ?? ''}`;
}

function sourceMapOf(file: string): SourceMap | undefined {
  if (bundleMaps.has(file)) return bundleMaps.get(file);
  let map: SourceMap | undefined;
  try {
    const text = readFileSync(file, 'utf8');
    const at = text.lastIndexOf(INLINE_MAP);
    if (at >= 0) map = new SourceMap(JSON.parse(Buffer.from(text.slice(at + INLINE_MAP.length).trim(), 'base64').toString('utf8')) as SourceMapPayload);
  } catch {
    // Not a file, or no readable map: the frame stays as it is.
  }
  bundleMaps.set(file, map);
  return map;
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** The context FaaS Lab's own platforms (local, HTTP adapters) pass. */
export function makeContext(functionName: string, deadlineMs: number, memoryLimitInMB: number | undefined): HandlerContext {
  return {
    functionName,
    memoryLimitInMB,
    requestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    log: (...args: unknown[]) => console.log(...args),
  };
}

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
  // The provider closing its end means it is gone: an instance never outlives its platform.
  channel.on('end', () => process.exit(0));
  channel.on('error', () => process.exit(0));
  // If the provider was killed, a call in flight never reads the closed channel; a new parent
  // process (the reaper) tells the same, as soon as the event loop gets a turn.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();

  let queue = Promise.resolve();
  let buffered = '';
  channel.setEncoding('utf8');
  channel.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.trim() === '') continue;
      const request = JSON.parse(line) as CallRequest;
      // One call at a time, as a cloud instance serves them.
      queue = queue.then(async () => {
        const context = makeContext(functionName, request.deadlineMs, memoryMB);
        send({ id: request.id, ...(await runWithMetrics(handler, request.payload, context)) });
      });
    }
  });
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
  __faaslab: { metrics: true };
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
    const context = contextFromLambda(lambdaContext ?? {});
    if (!envelope) {
      countCall();
      return handler(event, context);
    }
    return runWithMetrics(handler, event.payload, context);
  };
}

function contextFromLambda(lc: LambdaContext): HandlerContext {
  const env = process.env;
  return {
    functionName: lc.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME ?? env.FAASLAB_FUNCTION_NAME ?? '',
    memoryLimitInMB: numberOr(lc.memoryLimitInMB === undefined ? env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE : String(lc.memoryLimitInMB)),
    requestId: lc.awsRequestId ?? randomUUID(),
    getRemainingTimeInMillis: () => (lc.getRemainingTimeInMillis ? lc.getRemainingTimeInMillis() : Number.MAX_SAFE_INTEGER),
    log: (...args: unknown[]) => console.log(...args),
    platformContext: lc,
  };
}
