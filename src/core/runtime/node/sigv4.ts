// AWS Signature Version 4 for one HTTPS request, with Node builtins only: the Lambda shim signs its
// Invoke calls (context.invoke) with the function's own credentials from the environment, so the
// bundle carries no SDK. Follows AWS's documented algorithm (canonical request, string to sign,
// derived key); checked against the AWS SDK's own signer in the tests.
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface SignableRequest {
  method: string;
  /** Host only (with :port when not the default). */
  host: string;
  /** As sent: already URI-encoded once, e.g. /2015-03-31/functions/my-fn/invocations. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The request's headers with host, X-Amz-Date, X-Amz-Security-Token and Authorization added. */
export function signedHeaders(req: SignableRequest, creds: AwsCredentials, region: string, service: string, now = new Date()): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, host: req.host, 'x-amz-date': amzDate };
  if (creds.sessionToken) headers['x-amz-security-token'] = creds.sessionToken;
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const signed = names.join(';');
  const canonical = [req.method, canonicalPath(req.path), '', names.map((n) => `${n}:${lower[n]}\n`).join(''), signed, sha256(req.body)].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${creds.secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
  return headers;
}

/** Services other than S3 sign the path URI-encoded twice: each segment of the sent path once more. */
function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}
