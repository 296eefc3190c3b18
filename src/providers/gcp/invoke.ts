// One call of a deployed function: POST to its URL with an identity token and the metrics
// header; the shim answers `{ ok, result | error, metrics }`. A 429 comes back as status
// 'throttled' at once (the experiment runner retries those with backoff and counts them);
// the platform's own failures (5xx) are records of this call; client-side problems are thrown.
import { performance } from 'node:perf_hooks';
import { UserError, type Deployment, type FunctionMetrics, type Invocation, type InvocationError } from '../../core/model';
import type { GcpContext } from './context';
import { toUserError } from './errors';

const RAISE_TIMEOUT = 'raise timeout= in its @faas annotation and deploy again, or use Change Timeout in the FaaS Lab view';

export async function invokeFunction(ctx: GcpContext, deployment: Deployment, payload: unknown, signal?: AbortSignal): Promise<Invocation> {
  signal?.throwIfAborted();
  const url = deployment.endpoint;
  if (!url) throw new UserError(`${deployment.name} has no URL yet: deploy it again, or wait until Google Cloud reports it active`);
  const body = encodePayload(payload);
  let token: string;
  try {
    token = await ctx.idToken(url, signal);
  } catch (err) {
    throw identityTokenError(err);
  }
  const clientStart = Date.now();
  const t0 = performance.now();
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-faaslab-metrics': '1' },
      body,
      signal,
    });
    status = response.status;
    text = await response.text();
  } catch (err) {
    throw toUserError(err, `invoking ${deployment.name}`);
  }
  const timed = { clientStart, clientEnd: Date.now(), roundTripMs: Math.round((performance.now() - t0) * 1000) / 1000 };
  const parsed = parseJson(text);
  if (status === 200) {
    if (isShimOutcome(parsed)) {
      return parsed.ok ? { ...timed, status: 'ok', result: parsed.result, metrics: parsed.metrics } : { ...timed, status: 'error', error: parsed.error, metrics: parsed.metrics };
    }
    // Not a FaaS Lab function (no shim): its plain answer.
    return { ...timed, status: 'ok', result: parsed === undefined ? text : parsed, metrics: {} };
  }
  if (status === 429) {
    const message =
      `Rate exceeded: Google Cloud Functions throttled ${deployment.name} (HTTP 429, no instance was free within the request's wait). ` +
      'Lower the experiment’s concurrency, or raise the function’s maximum instances.';
    return { ...timed, status: 'throttled', error: { type: 'Throttled', message }, metrics: {} };
  }
  if (status === 504 || (status === 408 && /timeout/i.test(text))) {
    const message = `${deployment.name} timed out after ${deployment.timeoutS} s (its timeout; HTTP ${status}). If the work needs longer, ${RAISE_TIMEOUT}.`;
    return { ...timed, status: 'timeout', error: { type: 'Timeout', message }, metrics: {} };
  }
  if (status === 401 || status === 403) {
    throw new UserError(
      `Google Cloud refused the call to ${deployment.name} (HTTP ${status}): the account in use needs the Cloud Run Invoker role (roles/run.invoker) on the function, and ADC must give an identity token (a service account, or \`gcloud auth application-default login\`)`,
    );
  }
  if (status === 404) throw new UserError(`${deployment.name} does not answer at ${url} (HTTP 404): it may have been deleted; deploy it again`);
  if (status >= 500) return { ...timed, status: 'error', error: platformError(deployment, status, parsed, text), metrics: {} };
  throw new UserError(`Google Cloud answered the call to ${deployment.name} with HTTP ${status}: ${text.slice(0, 300)}`);
}

function platformError(d: Deployment, status: number, parsed: unknown, text: string): InvocationError {
  // The shim's own failure answers (a plain call that threw) carry { error }.
  const shimError = (parsed as { error?: InvocationError } | undefined)?.error;
  if (shimError && typeof shimError.type === 'string') return shimError;
  const snippet = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
  return {
    type: 'PlatformError',
    message: `Google Cloud Functions could not complete the call to ${d.name} (HTTP ${status}${snippet ? `: ${snippet}` : ''}). An instance that crashes or exceeds its ${d.memoryMB} MB answers so; the function's logs say which.`,
  };
}

function identityTokenError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/Cannot fetch ID token/i.test(message)) {
    return new UserError(
      'Calling a Cloud Function needs an identity token, and these credentials cannot mint one: use a service-account key (GOOGLE_APPLICATION_CREDENTIALS) or `gcloud auth application-default login` with a user account',
    );
  }
  return toUserError(err, 'getting an identity token');
}

export function encodePayload(payload: unknown): string {
  try {
    return payload === undefined ? '' : JSON.stringify(payload);
  } catch (err) {
    throw new UserError(`The payload cannot be sent as JSON (${(err as Error).message}): pass plain objects, arrays, strings, numbers, booleans or null`);
  }
}

interface ShimOutcome {
  ok: boolean;
  result?: unknown;
  error: InvocationError;
  metrics: FunctionMetrics;
}

export function isShimOutcome(body: unknown): body is ShimOutcome {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.ok === 'boolean' && typeof b.metrics === 'object' && b.metrics !== null && (b.ok || typeof b.error === 'object');
}

export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
