// Google API errors -> messages a user can act on: what happened, and what to do next.
import { UserError } from '../../core/model';
import { isNetworkCode, settledError } from '../shared/errors';

export { isAbort } from '../shared/errors';

/** gRPC status codes, which google-gax reports for REST calls too. */
export const Status = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, UNAVAILABLE: 14, UNAUTHENTICATED: 16 } as const;

const CODE_OF_STATUS: Record<string, number> = {
  INVALID_ARGUMENT: 3, NOT_FOUND: 5, ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, UNAVAILABLE: 14, UNAUTHENTICATED: 16,
};
const CODE_OF_HTTP: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 10, 429: 8, 503: 14 };

/**
 * What Google said, as a gRPC status code and message. Operation failures arrive as GoogleErrors
 * (gRPC codes); failed REST calls as the auth client's GaxiosErrors, whose message is the body
 * `{"error": {"code": <http>, "message", "status": "NOT_FOUND"}}`.
 */
export function googleErrorOf(err: unknown): { code?: number; message: string } {
  const e = err as { code?: unknown; status?: unknown; response?: unknown; config?: unknown; message?: unknown } | undefined;
  const message = err instanceof Error ? err.message : String(err);
  if (e && typeof e === 'object' && 'config' in e && 'response' in e) {
    let body: { error?: { message?: string; status?: string } } | undefined;
    try {
      body = JSON.parse(message) as typeof body;
    } catch {
      body = undefined;
    }
    const http = typeof e.status === 'number' ? e.status : typeof e.code === 'number' ? e.code : undefined;
    const code = (body?.error?.status && CODE_OF_STATUS[body.error.status]) || (http !== undefined ? CODE_OF_HTTP[http] : undefined);
    return { code, message: body?.error?.message ?? message };
  }
  return { code: typeof e?.code === 'number' ? e.code : undefined, message };
}

export function statusOf(err: unknown): number | undefined {
  return googleErrorOf(err).code;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === Status.NOT_FOUND;
}

/** Credentials, project or reachability: the same for every call, so readiness reports it. */
export function setupProblem(err: unknown): string | undefined {
  const message = googleErrorOf(err).message;
  if (/Could not load the default credentials|Unable to detect a Project Id|could not find default credentials/i.test(message)) {
    return /Project Id/i.test(message)
      ? 'No Google Cloud project: set faasLab.gcp.project, or run `gcloud config set project <id>`'
      : 'Google credentials not found: run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file';
  }
  if (/invalid_grant|invalid_rapt|reauth/i.test(message)) {
    return 'The Google credentials have expired: run `gcloud auth application-default login` again';
  }
  if (statusOf(err) === Status.UNAUTHENTICATED) {
    return `Google rejected the credentials (${message}): run \`gcloud auth application-default login\`, or check GOOGLE_APPLICATION_CREDENTIALS`;
  }
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: { code?: unknown } }).cause?.code;
  const net = [code, cause].find(isNetworkCode);
  if (net) return `Could not reach Google Cloud (${net}): check the network connection, or faasLab.gcp.apiEndpoint if set`;
  if (/SERVICE_DISABLED|has not been used in project|it is disabled/i.test(message)) {
    return `The Cloud Functions API (or one it needs: Cloud Build, Cloud Run, Artifact Registry) is not enabled in the project: enable it with \`gcloud services enable cloudfunctions.googleapis.com cloudbuild.googleapis.com run.googleapis.com artifactregistry.googleapis.com\` (${message})`;
  }
  return undefined;
}

/** Any client failure as an error whose message says what to do; aborts pass through unchanged. */
export function toUserError(err: unknown, action: string): Error {
  const settled = settledError(err, setupProblem);
  if (settled) return settled;
  const message = googleErrorOf(err).message;
  switch (statusOf(err)) {
    case Status.PERMISSION_DENIED:
      return new UserError(`Google Cloud denied ${action} (${message}): the account in use needs the Cloud Functions Developer role (roles/cloudfunctions.developer) in the project`);
    case Status.RESOURCE_EXHAUSTED:
      return new UserError(`Google Cloud refused ${action}: a quota is exhausted (${message}); wait and retry, or ask for a higher quota`);
    case Status.FAILED_PRECONDITION:
    case Status.ABORTED:
      return new UserError(`Google Cloud could not do ${action} now (${message}): another change to the function may be in progress; retry in a minute`);
  }
  return new UserError(`Google Cloud ${action} failed: ${message}`);
}

/** Rejects when the signal aborts; the work itself (an operation in the cloud) carries on. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
