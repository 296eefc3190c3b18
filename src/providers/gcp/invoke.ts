// One call of a deployed function: POST to its URL with an identity token and the metrics
// header; the answer is read as every HTTP-shim platform reads it (shared/http-shim), in Google's words.
import { UserError, type Deployment, type Invocation } from '../../core/model';
import { invocationOf, timedCall, type ShimCallWords } from '../shared/http-shim';
import { encodePayload, payloadLimitsOf } from '../shared/payload';
import { RAISE_TIMEOUT } from '../shared/shim-answer';
import type { GcpContext } from './context';
import { gcpPlatform } from './descriptor';
import { toUserError } from './errors';

/** What one call may send, checked before anything is sent. */
const REQUEST_LIMIT = payloadLimitsOf(gcpPlatform).request;

export async function invokeFunction(ctx: GcpContext, deployment: Deployment, payload: unknown, signal?: AbortSignal): Promise<Invocation> {
  signal?.throwIfAborted();
  const url = deployment.endpoint;
  if (!url) throw new UserError(`${deployment.name} has no URL yet: deploy it again, or wait until Google Cloud reports it active`);
  const body = encodePayload(payload, REQUEST_LIMIT) ?? '';
  let token: string;
  try {
    token = await ctx.idToken(url, signal);
  } catch (err) {
    throw identityTokenError(err);
  }
  const { answer, timed } = await timedCall(
    async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-faaslab-metrics': '1' },
        body,
        signal,
      });
      return { status: response.status, text: await response.text() };
    },
    (err) => toUserError(err, `invoking ${deployment.name}`),
  );
  return invocationOf(answer, timed, gcpWords(deployment, url));
}

function gcpWords(d: Deployment, url: string): ShimCallWords {
  return {
    throttled:
      `Rate exceeded: Google Cloud Functions throttled ${d.name} (HTTP 429, no instance was free within the request's wait). ` +
      'Lower the experiment’s concurrency, or raise the function’s maximum instances.',
    isTimeout: (status, text) => status === 504 || /timeout/i.test(text),
    timeout: (status) => `${d.name} timed out after ${d.timeoutS} s (its timeout; HTTP ${status}). If the work needs longer, ${RAISE_TIMEOUT}.`,
    refused: (status) =>
      `Google Cloud refused the call to ${d.name} (HTTP ${status}): the account in use needs the Cloud Run Invoker role (roles/run.invoker) on the function, and ADC must give an identity token (a service account, or \`gcloud auth application-default login\`)`,
    notFound: `${d.name} does not answer at ${url} (HTTP 404): it may have been deleted; deploy it again`,
    platformError: (status, text) => {
      const snippet = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
      return `Google Cloud Functions could not complete the call to ${d.name} (HTTP ${status}${snippet ? `: ${snippet}` : ''}). An instance that crashes or exceeds its ${d.memoryMB} MB answers so; the function's logs say which.`;
    },
    unexpected: (status, text) => `Google Cloud answered the call to ${d.name} with HTTP ${status}: ${text.slice(0, 300)}`,
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
