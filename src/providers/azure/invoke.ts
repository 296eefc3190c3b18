// One call of an Azure function: POST to its HTTP trigger with its function key and the metrics
// header; the answer is read as every HTTP-shim platform reads it (shared/http-shim), in Azure's words.
import { UserError, type Deployment, type Invocation } from '../../core/model';
import { invocationOf, timedCall, type ShimCallWords } from '../shared/http-shim';
import { encodePayload, payloadLimitsOf } from '../shared/payload';
import { https } from './client';
import type { AzureContext } from './context';
import { azurePlatform } from './descriptor';
import { appName, functionKey } from './deploy';
import { toUserError } from './errors';

/** What one call may send, checked before anything is sent. */
const REQUEST_LIMIT = payloadLimitsOf(azurePlatform).request;

export async function invokeFunction(ctx: AzureContext, deployment: Deployment, payload: unknown, signal?: AbortSignal): Promise<Invocation> {
  signal?.throwIfAborted();
  const url = deployment.endpoint;
  if (!url) throw new UserError(`${deployment.name} has no URL yet: deploy it again`);
  const body = encodePayload(payload, REQUEST_LIMIT) ?? '';
  const app = appName(ctx, deployment.name);
  let key: string;
  try {
    key = await functionKey(ctx, app, deployment.name, signal);
  } catch (err) {
    throw toUserError(err, `reading ${deployment.name}'s function key`);
  }
  const { answer, timed } = await timedCall(
    async () => {
      const a = await https(url, {
        method: 'POST',
        headers: { 'x-functions-key': key, 'content-type': 'application/json', 'x-faaslab-metrics': '1', 'content-length': String(Buffer.byteLength(body)) },
        body,
        agent: ctx.clients.agent,
        signal,
      });
      return { status: a.status, text: a.body };
    },
    (err) => toUserError(err, `invoking ${deployment.name}`),
  );
  // A refused key may have been rotated: the next call reads it again.
  if (answer.status === 401 || answer.status === 403) ctx.keys.delete(app);
  return invocationOf(answer, timed, azureWords(deployment, url));
}

function azureWords(d: Deployment, url: string): ShimCallWords {
  return {
    throttled: `Rate exceeded: Azure throttled ${d.name} (HTTP 429; the app's maximum instance count, or the region's Flex Consumption quota, was reached). Lower the experiment’s concurrency, or raise maximumInstanceCount.`,
    isTimeout: () => true,
    timeout: (status) =>
      `${d.name} did not answer within its timeout (${d.timeoutS} s, HTTP ${status}); HTTP triggers must answer within 230 s. If the work needs longer, raise timeout= (at most 230) and deploy again.`,
    refused: (status) => `Azure refused the call to ${d.name} (HTTP ${status}): its function key was not accepted; deploy it again, or check the app's access restrictions`,
    notFound: `${d.name} does not answer at ${url} (HTTP 404): the app may be stopped or the function failed to load; deploy it again and check the app's Log stream`,
    platformError: (status, text) =>
      `Azure Functions could not complete the call to ${d.name} (HTTP ${status}${text ? `: ${text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}). An instance that crashes or exceeds its ${d.memoryMB} MB answers so; the app's logs say which.`,
    unexpected: (status, text) => `Azure answered the call to ${d.name} with HTTP ${status}: ${text.slice(0, 300)}`,
  };
}
