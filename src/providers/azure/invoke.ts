// One call of an Azure function: POST to its HTTP trigger with its function key and the metrics
// header; the shim answers `{ ok, result | error, metrics }`. 429 is 'throttled' at once (the
// runner retries with backoff); the host's own failures (5xx) are records; the rest is thrown.
import { performance } from 'node:perf_hooks';
import { UserError, type Deployment, type Invocation, type InvocationError } from '../../core/model';
import { encodePayload, isShimOutcome, parseJson } from '../gcp/invoke';
import { https } from './client';
import type { AzureContext } from './context';
import { appName, functionKey } from './deploy';
import { toUserError } from './errors';

export async function invokeFunction(ctx: AzureContext, deployment: Deployment, payload: unknown, signal?: AbortSignal): Promise<Invocation> {
  signal?.throwIfAborted();
  const url = deployment.endpoint;
  if (!url) throw new UserError(`${deployment.name} has no URL yet: deploy it again`);
  const body = encodePayload(payload);
  const app = appName(ctx, deployment.name);
  let key: string;
  try {
    key = await functionKey(ctx, app, deployment.name, signal);
  } catch (err) {
    throw toUserError(err, `reading ${deployment.name}'s function key`);
  }
  const clientStart = Date.now();
  const t0 = performance.now();
  let answer;
  try {
    answer = await https(url, {
      method: 'POST',
      headers: { 'x-functions-key': key, 'content-type': 'application/json', 'x-faaslab-metrics': '1', 'content-length': String(Buffer.byteLength(body)) },
      body,
      agent: ctx.clients.agent,
      signal,
    });
  } catch (err) {
    throw toUserError(err, `invoking ${deployment.name}`);
  }
  const timed = { clientStart, clientEnd: Date.now(), roundTripMs: Math.round((performance.now() - t0) * 1000) / 1000 };
  const parsed = parseJson(answer.body);
  const status = answer.status;
  if (status === 200) {
    if (isShimOutcome(parsed)) {
      return parsed.ok ? { ...timed, status: 'ok', result: parsed.result, metrics: parsed.metrics } : { ...timed, status: 'error', error: parsed.error, metrics: parsed.metrics };
    }
    return { ...timed, status: 'ok', result: parsed === undefined ? answer.body : parsed, metrics: {} };
  }
  if (status === 429) {
    const message = `Rate exceeded: Azure throttled ${deployment.name} (HTTP 429; the app's maximum instance count, or the region's Flex Consumption quota, was reached). Lower the experiment’s concurrency, or raise maximumInstanceCount.`;
    return { ...timed, status: 'throttled', error: { type: 'Throttled', message }, metrics: {} };
  }
  if (status === 504 || status === 408) {
    const message = `${deployment.name} did not answer within its timeout (${deployment.timeoutS} s, HTTP ${status}); HTTP triggers must answer within 230 s. If the work needs longer, raise timeout= (at most 230) and deploy again.`;
    return { ...timed, status: 'timeout', error: { type: 'Timeout', message }, metrics: {} };
  }
  if (status === 401 || status === 403) {
    ctx.keys.delete(app);
    throw new UserError(`Azure refused the call to ${deployment.name} (HTTP ${status}): its function key was not accepted; deploy it again, or check the app's access restrictions`);
  }
  if (status === 404) throw new UserError(`${deployment.name} does not answer at ${url} (HTTP 404): the app may be stopped or the function failed to load; deploy it again and check the app's Log stream`);
  if (status >= 500) {
    const shimError = (parsed as { error?: InvocationError } | undefined)?.error;
    const error: InvocationError =
      shimError && typeof shimError.type === 'string'
        ? shimError
        : { type: 'PlatformError', message: `Azure Functions could not complete the call to ${deployment.name} (HTTP ${status}${answer.body ? `: ${answer.body.replace(/\s+/g, ' ').slice(0, 300)}` : ''}). An instance that crashes or exceeds its ${deployment.memoryMB} MB answers so; the app's logs say which.` };
    return { ...timed, status: 'error', error, metrics: {} };
  }
  throw new UserError(`Azure answered the call to ${deployment.name} with HTTP ${status}: ${answer.body.slice(0, 300)}`);
}
