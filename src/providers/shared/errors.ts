// What every cloud platform's error mapping asks of an error first: was it a cancel, a network
// failure, a setup problem, and which HTTP status did it carry.
import { UserError } from '../../core/model';

export function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Node's code for a failed connection (`ECONNREFUSED`, ...), when `code` is one. */
export function isNetworkCode(code: unknown): code is string {
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/** The HTTP status an SDK error carries: `$metadata.httpStatusCode` (AWS), `statusCode` or `response.status` (Azure, dockerode). */
export function httpStatusOf(err: unknown): number | undefined {
  const e = err as { $metadata?: { httpStatusCode?: unknown }; statusCode?: unknown; response?: { status?: unknown } } | undefined;
  for (const status of [e?.$metadata?.httpStatusCode, e?.statusCode, e?.response?.status]) if (typeof status === 'number') return status;
  return undefined;
}

/** An abort, or an error already worded for the user, passes through; a setup problem (credentials, network) becomes one. */
export function settledError(err: unknown, setupProblem: (err: unknown) => string | undefined): Error | undefined {
  if (isAbort(err) || err instanceof UserError) return err as Error;
  const setup = setupProblem(err);
  return setup ? new UserError(setup) : undefined;
}
