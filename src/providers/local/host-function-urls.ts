// The local host's doors for tools that are not FaaS Lab: the AWS Lambda Invoke API (so `aws lambda
// invoke --endpoint-url`, boto3 and the AWS SDKs call local functions unchanged) and OpenFaaS-style
// function URLs (`POST /function/<name>`, for curl and FaaS Runner's HTTP platform).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Invocation } from '../../core/model';
import { answer, readBody } from './host-http';

/** The host's local functions by name: whether one is deployed, and a call of it (undefined: none of that name). */
export interface FunctionsByName {
  has(name: string): Promise<boolean>;
  call(name: string, payload: unknown, signal?: AbortSignal): Promise<Invocation | undefined>;
}

const AWS_INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const OPENFAAS = /^\/function\/([^/?]+)\/?$/;
/** Lambda returns at most the last 4 KB of the log with LogType: Tail. */
const LOG_TAIL_BYTES = 4096;

export function isAwsInvoke(pathname: string): boolean {
  return AWS_INVOKE.test(pathname);
}

export function isFunctionUrl(pathname: string): boolean {
  return OPENFAAS.test(pathname);
}

/** The AWS error shape the SDKs read: the code in `x-amzn-ErrorType`, the text in `message`. */
export function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  answer(res, status, JSON.stringify({ Type: 'User', message }), { 'x-amzn-errortype': type });
}

export async function awsInvoke(req: IncomingMessage, res: ServerResponse, url: URL, fns: FunctionsByName, signal: AbortSignal): Promise<void> {
  const name = functionNameOf(decodeURIComponent(AWS_INVOKE.exec(url.pathname)![1]));
  const payload = parsePayload(await readBody(req));
  if (payload instanceof Error) return awsError(res, 400, 'InvalidRequestContentException', `Could not parse request body into json: ${payload.message}`);
  const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type === 'DryRun') {
    if (!(await fns.has(name))) return notFound(res, name);
    return answer(res, 204, '', { 'x-amz-executed-version': '$LATEST' });
  }
  if (type === 'Event') {
    // Queued as Lambda does: accepted at once, run without a caller waiting (and not cancelled with it).
    void fns.call(name, payload).catch(() => undefined);
    return answer(res, 202, '', { 'x-amz-executed-version': '$LATEST' });
  }
  const inv = await fns.call(name, payload, signal);
  if (!inv) return notFound(res, name);
  const headers: Record<string, string> = { 'x-amz-executed-version': '$LATEST' };
  if (String(req.headers['x-amz-log-type'] ?? '').toLowerCase() === 'tail') headers['x-amz-log-result'] = logTail(inv);
  if (inv.status === 'throttled') return awsError(res, 429, 'TooManyRequestsException', inv.error?.message ?? 'Rate exceeded');
  if (inv.status !== 'ok') {
    headers['x-amz-function-error'] = 'Unhandled';
    const body = { errorMessage: inv.error?.message ?? inv.status, errorType: inv.error?.type ?? 'Error', stackTrace: (inv.error?.stack ?? '').split('\n').filter(Boolean) };
    return answer(res, 200, JSON.stringify(body), headers);
  }
  answer(res, 200, JSON.stringify(inv.result ?? null), headers);
}

export async function functionUrlCall(req: IncomingMessage, res: ServerResponse, url: URL, fns: FunctionsByName, signal: AbortSignal): Promise<void> {
  const name = decodeURIComponent(OPENFAAS.exec(url.pathname)![1]);
  const body = await readBody(req);
  // OpenFaaS passes the body as it is: JSON becomes the request object, anything else a string.
  const parsed = parsePayload(body);
  const inv = await fns.call(name, parsed instanceof Error ? body.toString('utf8') : parsed, signal);
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  if (!inv) return answer(res, 404, `No local function '${name}': deploy it first (faas-lab deploy <file>)\n`, text);
  if (inv.status === 'throttled') return answer(res, 429, `${inv.error?.message ?? 'throttled'}\n`, text);
  if (inv.status !== 'ok') return answer(res, 500, `${inv.error?.type ?? inv.status}: ${inv.error?.message ?? ''}\n`, text);
  answer(res, 200, JSON.stringify(inv.result ?? null));
}

function notFound(res: ServerResponse, name: string): void {
  awsError(res, 404, 'ResourceNotFoundException', `Function not found: ${localArn(name)}`);
}

/** Lambda accepts a name, `name:qualifier`, or a full ARN; the local platform has one version of each. */
function functionNameOf(ref: string): string {
  if (ref.startsWith('arn:')) return ref.split(':')[6] ?? ref;
  return ref.split(':')[0];
}

function localArn(name: string): string {
  return `arn:aws:lambda:local:000000000000:function:${name}`;
}

function parsePayload(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return err as Error;
  }
}

/** START/END/REPORT lines around the call's own log lines, as Lambda writes them, base64 of the last 4 KB. */
function logTail(inv: Invocation): string {
  const requestId = randomUUID();
  const report =
    `REPORT RequestId: ${requestId}\tDuration: ${inv.metrics.runtime ?? inv.roundTripMs} ms\tBilled Duration: ${inv.metrics.billedDurationMs ?? Math.ceil(inv.roundTripMs)} ms\t` +
    `Memory Size: ${inv.metrics.functionMemory ?? ''} MB\tMax Memory Used: ${inv.metrics.maxMemoryUsedMB ?? ''} MB` +
    (inv.cold && inv.metrics.initDurationMs !== undefined ? `\tInit Duration: ${inv.metrics.initDurationMs} ms` : '');
  const lines = [`START RequestId: ${requestId} Version: $LATEST`, ...(inv.logs ? [inv.logs.replace(/\n$/, '')] : []), `END RequestId: ${requestId}`, report, ''];
  const bytes = Buffer.from(lines.join('\n'));
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64');
}
