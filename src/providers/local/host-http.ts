// Small HTTP pieces the local host's routes share: reading a body, answering, the caller's token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOKEN_HEADER } from './host-wire';

/** Largest request body taken (a deploy carries the function's code). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function answer(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Every way a caller may present the host's token: the `x-faaslab-token` header, `Authorization:
 * Bearer`, an AWS SigV4 Authorization whose access key id is the token (SDKs cannot send other
 * headers), and — for function URLs only, so curl and FaaS Runner can use a plain URL — `?token=`.
 */
export function presentedTokens(req: IncomingMessage, url: URL, allowQuery: boolean): string[] {
  const tokens: string[] = [];
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') tokens.push(header);
  const auth = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth);
  if (bearer) tokens.push(bearer[1]);
  const sigv4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\//i.exec(auth);
  if (sigv4) tokens.push(sigv4[1]);
  const query = url.searchParams.get('token');
  if (allowQuery && query) tokens.push(query);
  return tokens;
}

export function tokenMatches(presented: string[], token: string): boolean {
  const expected = Buffer.from(token);
  return presented.some((p) => {
    const given = Buffer.from(p);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
