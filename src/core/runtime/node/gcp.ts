// The Google Cloud Functions (2nd gen) adapter of the Node shim: an HTTP function
// `(req, res)` as the Functions Framework calls it. Plain callers get the handler's result as
// JSON; a request with `x-faaslab-metrics: 1` gets `{ ok, result | error, metrics }`.
// Only Node builtins and siblings: the Functions Framework is the platform's, not bundled.
import { gcpSender } from './gcp-invoke';
import { METRICS_HEADER } from './http';
import { traceFromHeaders } from './http-invoke';
import { errorRecord, makeContext, runWithMetrics, type Handler, type Outcome } from './index';
import { countCall, numberOr } from './inspect';
import { recordingInvoker, traceOf, withTree } from './nested';

/** What the Functions Framework passes (an Express request), as far as the adapter reads it. */
export interface GcpRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent; the framework keeps it beside the parsed `body`. */
  rawBody?: Buffer;
  body?: unknown;
}

/** An Express response is a node:http ServerResponse; only these are used. */
export interface GcpResponse {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(body: string): unknown;
}

export type GcpHttpFunction = (req: GcpRequest, res: GcpResponse) => Promise<void>;

/**
 * The HTTP function around a FaaS Lab handler. Memory and timeout come from the environment
 * FaaS Lab sets on deploy (FAASLAB_MEMORY_MB, FAASLAB_TIMEOUT_S); the name from K_SERVICE.
 */
export function gcpHttpFunction(handler: Handler, handlerName: string): GcpHttpFunction {
  const env = process.env;
  const functionName = env.FAASLAB_FUNCTION_NAME || env.K_SERVICE || handlerName;
  const memoryMB = numberOr(env.FAASLAB_MEMORY_MB);
  const timeoutS = numberOr(env.FAASLAB_TIMEOUT_S) ?? 60;
  return async (req, res) => {
    if (req.method !== undefined && req.method !== 'POST') {
      return reply(res, 405, { error: { type: 'MethodNotAllowed', message: 'POST a JSON payload to call the function' } });
    }
    let payload: unknown;
    try {
      payload = payloadOf(req);
    } catch (err) {
      return reply(res, 400, { error: { type: 'BadRequest', message: `The request body is not JSON (${(err as Error).message}): send a JSON value, or nothing.` } });
    }
    const withMetrics = header(req, METRICS_HEADER) === '1';
    // context.invoke calls the callee's URL itself; the calls it makes go back with the outcome.
    const tree = recordingInvoker(traceOf(withMetrics ? traceFromHeaders((n) => header(req, n)) : undefined), gcpSender());
    const context = makeContext(functionName, Date.now() + timeoutS * 1000, memoryMB, tree.invoke);
    context.platformContext = { request: req };
    if (withMetrics) return replyOutcome(res, withTree(await runWithMetrics(handler, payload, context), tree));
    countCall();
    try {
      return reply(res, 200, (await handler(payload, context)) ?? null);
    } catch (thrown) {
      return reply(res, 500, { error: errorRecord(thrown) });
    }
  };
}

function payloadOf(req: GcpRequest): unknown {
  if (req.rawBody !== undefined) {
    const text = req.rawBody.toString('utf8');
    return text.trim() === '' ? undefined : JSON.parse(text);
  }
  // Outside the Functions Framework there may be no raw body: take what a body parser made.
  if (typeof req.body === 'string') return req.body.trim() === '' ? undefined : JSON.parse(req.body);
  if (Buffer.isBuffer(req.body)) return req.body.length === 0 ? undefined : JSON.parse(req.body.toString('utf8'));
  return req.body;
}

function header(req: GcpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: GcpResponse, status: number, value: unknown): void {
  let body: string;
  try {
    body = JSON.stringify(value);
  } catch (err) {
    status = 500;
    body = JSON.stringify({ error: notSerializable(err) });
  }
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function replyOutcome(res: GcpResponse, outcome: Outcome): void {
  let body: string;
  try {
    body = JSON.stringify(outcome);
  } catch (err) {
    body = JSON.stringify({ ok: false, error: notSerializable(err), metrics: outcome.metrics });
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function notSerializable(err: unknown): { type: string; message: string } {
  return {
    type: 'ResultNotSerializable',
    message: `The handler's return value cannot be sent as JSON (${(err as Error).message}). Return plain objects, arrays, strings, numbers, booleans or null.`,
  };
}
