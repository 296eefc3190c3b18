// The Azure Functions adapter of the Node shim (v4 programming model): the handler becomes an
// HTTP trigger `POST /api/<function>` with function-key auth. Plain callers get the handler's
// result as JSON; a request with `x-faaslab-metrics: 1` gets `{ ok, result | error, metrics }`.
// @azure/functions is bundled with the handler; only its core API comes from the host.
import { app, type HttpHandler, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { azureSender } from './azure-invoke';
import { METRICS_HEADER } from './http';
import { traceFromHeaders } from './http-invoke';
import { errorRecord, makeContext, runWithMetrics, type Handler, type HandlerContext } from './index';
import { countCall, numberOr } from './inspect';
import { recordingInvoker, traceOf, withTree } from './nested';

/** Registers the handler as the app's HTTP trigger named `functionName` (route `/api/<functionName>`). */
export function registerAzureHttp(handler: Handler, functionName: string): void {
  app.http(functionName, { methods: ['POST'], authLevel: 'function', route: functionName, handler: azureHttpHandler(handler, functionName) });
}

/** The trigger's handler; exported apart so it runs under test without a Functions host. */
export function azureHttpHandler(handler: Handler, functionName: string): HttpHandler {
  const env = process.env;
  const memoryMB = numberOr(env.FAASLAB_MEMORY_MB);
  const timeoutS = numberOr(env.FAASLAB_TIMEOUT_S) ?? 230;
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    let payload: unknown;
    try {
      const text = await request.text();
      payload = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (err) {
      return json(400, { error: { type: 'BadRequest', message: `The request body is not JSON (${(err as Error).message}): send a JSON value, or nothing.` } });
    }
    const withMetrics = request.headers.get(METRICS_HEADER) === '1';
    // context.invoke calls the callee's URL itself; the calls it makes go back with the outcome.
    const tree = recordingInvoker(traceOf(withMetrics ? traceFromHeaders((n) => request.headers.get(n) ?? undefined) : undefined), azureSender());
    const context = contextFrom(makeContext(functionName, Date.now() + timeoutS * 1000, memoryMB, tree.invoke), invocation);
    if (withMetrics) {
      const outcome = withTree(await runWithMetrics(handler, payload, context), tree);
      return json(200, outcome, (err) => ({ ok: false, error: notSerializable(err), metrics: outcome.metrics }));
    }
    countCall();
    try {
      return json(200, (await handler(payload, context)) ?? null, (err) => ({ error: notSerializable(err) }), 500);
    } catch (thrown) {
      return json(500, { error: errorRecord(thrown) });
    }
  };
}

function contextFrom(base: HandlerContext, invocation: InvocationContext): HandlerContext {
  return { ...base, requestId: invocation.invocationId || base.requestId, log: (...args: unknown[]) => invocation.log(...args), platformContext: invocation };
}

/** A JSON answer; a value JSON cannot carry is replaced by `fallback(err)` with `fallbackStatus`. */
function json(status: number, value: unknown, fallback?: (err: unknown) => unknown, fallbackStatus = status): HttpResponseInit {
  let body: string;
  try {
    body = JSON.stringify(value);
  } catch (err) {
    if (!fallback) throw err;
    body = JSON.stringify(fallback(err));
    status = fallbackStatus;
  }
  return { status, body, headers: { 'content-type': 'application/json' } };
}

function notSerializable(err: unknown): { type: string; message: string } {
  return {
    type: 'ResultNotSerializable',
    message: `The handler's return value cannot be sent as JSON (${(err as Error).message}). Return plain objects, arrays, strings, numbers, booleans or null.`,
  };
}
