// context.invoke on the platforms whose functions are HTTPS URLs (Google Cloud Functions, Azure
// Functions): the callee's URL and the platform's auth header come from `resolve`; the call asks
// for FaaS Lab's outcome (x-faaslab-metrics) and passes the caller's trace ids as headers.
import type { TraceIds } from '../../model';
import { METRICS_HEADER } from './http';
import { shimOutcome, type NestedOutcome, type SendNested } from './nested';
import { post } from './post';

/** Headers that carry a nested call's ids to its callee (read back with `traceFromHeaders`). */
export const TRACE_HEADERS = { traceId: 'x-faaslab-trace-id', callId: 'x-faaslab-call-id', parentId: 'x-faaslab-parent-id' } as const;

/** Where the callee answers and the headers that authorize the call; throws when it is not known. */
export type ResolveCallee = (name: string) => Promise<{ url: string; headers: Record<string, string> }>;

export function httpSender(platform: string, resolve: ResolveCallee): SendNested {
  return async (name, payload, trace) => {
    const { url, headers } = await resolve(name);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const answer = await post(new URL(url), { ...headers, 'content-type': 'application/json', [METRICS_HEADER]: '1', ...traceHeaders(trace) }, body);
    return httpOutcome(platform, name, url, answer.status, answer.text);
  };
}

/** The trace ids a request carries, as `traceOf` reads them. */
export function traceFromHeaders(header: (name: string) => string | undefined): Partial<TraceIds> {
  return { traceId: header(TRACE_HEADERS.traceId), callId: header(TRACE_HEADERS.callId), parentId: header(TRACE_HEADERS.parentId) };
}

function traceHeaders(trace: TraceIds): Record<string, string> {
  return { [TRACE_HEADERS.traceId]: trace.traceId, [TRACE_HEADERS.callId]: trace.callId, ...(trace.parentId ? { [TRACE_HEADERS.parentId]: trace.parentId } : {}) };
}

/** The callee's HTTP answer as the nested call's outcome; a call the platform refused (no such URL, auth) is thrown. */
export function httpOutcome(platform: string, name: string, url: string, status: number, text: string): NestedOutcome {
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status === 200) return shimOutcome(body) ?? { status: 'ok', result: body === undefined ? text : body, metrics: {} };
  if (status === 429) return { status: 'throttled', error: { type: 'Throttled', message: `${platform} throttled ${name} (HTTP 429)` }, metrics: {} };
  if (status === 408 || status === 504) return { status: 'timeout', error: { type: 'Timeout', message: `${name} did not answer within its timeout (HTTP ${status})` }, metrics: {} };
  const said = text.replace(/\s+/g, ' ').slice(0, 300);
  if (status >= 500) {
    const shimError = (body as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
    const error = shimError && typeof shimError.type === 'string' ? { type: shimError.type, message: String(shimError.message ?? '') } : { type: 'PlatformError', message: `${platform} could not complete the call to ${name} (HTTP ${status}${said ? `: ${said}` : ''})` };
    return { status: 'error', error, metrics: {} };
  }
  const err = new Error(
    status === 404
      ? `context.invoke: nothing answers for ${name} at ${url} (HTTP 404): deploy it first (faas-lab deploy <file> --platform …)`
      : status === 401 || status === 403
        ? `context.invoke of ${name} was refused (HTTP ${status}): ${platform} did not accept this function's credentials for it${said ? ` (${said})` : ''}`
        : `context.invoke of ${name}: ${platform} answered HTTP ${status}${said ? `: ${said}` : ''}`,
  );
  err.name = status === 404 ? 'FunctionNotFound' : status === 401 || status === 403 ? 'InvokeRefused' : 'InvokeFailed';
  throw err;
}
