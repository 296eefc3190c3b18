// The HTTP entry of the Node shim, for container platforms (FaaS Lab's Docker provider, or any
// engine that routes HTTP to a container): POST / calls the handler, GET /healthz answers once
// the handler is loaded (also as /_/health, for OpenFaaS). One call at a time, as a cloud instance serves them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { errorRecord, makeContext, runWithMetrics, type Handler, type Outcome } from './call';
import { countCall, instanceUuid, numberOr } from './inspect';
import { endOutput } from './end-output';
import { endpointInvoker } from './nested';

/** Request header asking for `{ ok, result | error, metrics }` instead of the plain result. */
export const METRICS_HEADER = 'x-faaslab-metrics';
/** Request header with the line to print on stdout and stderr once the call's output has ended (FaaS Lab's Docker provider strips it). */
export const END_MARKER_HEADER = 'x-faaslab-end-marker';
/** What an end marker may hold: one line of printable ASCII. */
const MARKER_TEXT = /^[\x20-\x7e]{1,200}$/;

interface Reply {
  status: number;
  body: string;
}

/**
 * Serves the handler on `$FAASLAB_HTTP_HOST:$PORT` (defaults 0.0.0.0:8080). Callers outside
 * FaaS Lab get the plain result as JSON (or HTTP 500 with `{ error }`); a request with
 * `x-faaslab-metrics: 1` gets the outcome with SAAF metrics, always HTTP 200.
 */
export function serveHttp(handler: Handler, handlerName: string): void {
  const loadedMs = performance.now();
  const functionName = process.env.FAASLAB_FUNCTION_NAME || handlerName;
  const memoryMB = numberOr(process.env.FAASLAB_MEMORY_MB);
  const timeoutS = numberOr(process.env.FAASLAB_TIMEOUT_S);
  const port = numberOr(process.env.PORT) ?? 8080;
  const host = process.env.FAASLAB_HTTP_HOST || '0.0.0.0';
  const health = JSON.stringify({ ok: true, uuid: instanceUuid(), lang: 'node', version: process.versions.node, initMs: Math.round(loadedMs * 1000) / 1000 });

  // Set where the platform answers context.invoke (FaaS Lab's Docker provider).
  const invoke = endpointInvoker();
  let queue = Promise.resolve();
  const call = async (payload: unknown, withMetrics: boolean): Promise<Reply> => {
    const deadlineMs = Date.now() + (timeoutS ?? 900) * 1000;
    const context = makeContext(functionName, deadlineMs, memoryMB, invoke);
    if (withMetrics) return { status: 200, body: encodeOutcome(await runWithMetrics(handler, payload, context)) };
    countCall();
    try {
      return { status: 200, body: JSON.stringify((await handler(payload, context)) ?? null) };
    } catch (thrown) {
      return { status: 500, body: JSON.stringify({ error: errorRecord(thrown) }) };
    }
  };

  // PID 1 in a container has no default signal handlers: `docker stop` must still end it.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));

  // node:http is loaded here, not at import: the local platform's bundles never pay for it.
  void import('node:http').then(({ createServer }) => {
    const server = createServer((req, res) => {
      // /_/health is where OpenFaaS's probes ask (of-watchdog's health path).
      if (req.method === 'GET' && (req.url === '/healthz' || req.url === '/_/health')) return send(res, { status: 200, body: health });
      if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
        return send(res, { status: 404, body: JSON.stringify({ error: { type: 'NotFound', message: 'POST / calls the function; GET /healthz checks it' } }) });
      }
      void readBody(req).then((text) => {
        let payload: unknown;
        try {
          payload = text.trim() === '' ? undefined : JSON.parse(text);
        } catch (err) {
          const message = `The request body is not JSON (${(err as Error).message}): send a JSON value, or nothing.`;
          return send(res, { status: 400, body: JSON.stringify({ error: { type: 'BadRequest', message } }) });
        }
        const withMetrics = req.headers[METRICS_HEADER] === '1';
        const marker = req.headers[END_MARKER_HEADER];
        const reply = queue.then(() => call(payload, withMetrics));
        const sent = reply.then((r) => send(res, r), (err: unknown) => send(res, { status: 500, body: JSON.stringify({ error: errorRecord(err) }) }));
        // The next call starts once this one's output is marked as ended.
        queue = typeof marker === 'string' && MARKER_TEXT.test(marker) ? sent.then(() => endOutput(marker)) : sent;
      });
    });
    server.on('error', (err) => {
      console.error(`FaaS Lab: cannot listen on ${host}:${port} (${err.message}); set PORT to a free port.`);
      process.exit(2);
    });
    server.listen(port, host);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** The outcome as JSON; a result JSON cannot carry becomes an error the user can act on. */
function encodeOutcome(outcome: Outcome): string {
  try {
    return JSON.stringify(outcome);
  } catch (err) {
    const error = {
      type: 'ResultNotSerializable',
      message: `The handler's return value cannot be sent as JSON (${(err as Error).message}). Return plain objects, arrays, strings, numbers, booleans or null.`,
    };
    return JSON.stringify({ ok: false, error, metrics: outcome.metrics });
  }
}
