// What every cloud platform's error mapping asks of an error: was it a cancel, a network
// failure, and which HTTP status did it carry.

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
