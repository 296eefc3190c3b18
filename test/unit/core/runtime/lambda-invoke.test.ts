// context.invoke inside AWS Lambda, Node and Python shims, against a loopback Lambda Invoke API that
// checks each request as AWS would: the path, X-Amz-Date, the session token, and the SigV4
// Authorization recomputed with the AWS SDK's own signer (@smithy/signature-v4) from what arrived.
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { lambdaHandler, type HandlerContext } from '../../../../src/core/runtime/node';

const CREDS = { accessKeyId: 'AKIDNESTEDTEST', secretAccessKey: 'nested-secret', sessionToken: 'nested-session-token' };
const REGION = 'eu-west-1';
const SHIM_DIR = path.resolve(__dirname, '../../../../src/core/runtime/python');

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data) => (typeof d === 'string' ? Buffer.from(d) : d instanceof ArrayBuffer ? Buffer.from(d) : Buffer.from(d.buffer, d.byteOffset, d.byteLength));
class Sha256 {
  private readonly hash;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}
// No x-amz-content-sha256 of its own: AWS checks the signature over the headers the request signed.
const signer = new SignatureV4({ credentials: CREDS, region: REGION, service: 'lambda', sha256: Sha256, applyChecksum: false });

interface Received {
  name: string;
  authorization: string;
  expected: string;
  amzDate: string;
  token: string | undefined;
  envelope: { __faaslab: { metrics: boolean; trace: { traceId: string; callId: string; parentId: string } }; payload?: unknown };
}
const received: Received[] = [];
let server: Server;
let endpoint: string;

/** What AWS computes for the request as it arrived: the headers it names as signed, at its X-Amz-Date. */
async function expectedAuthorization(req: IncomingMessage, body: string): Promise<string> {
  const auth = String(req.headers.authorization);
  const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1].split(';') ?? [];
  const headers = Object.fromEntries(signedNames.map((n) => [n, String(req.headers[n])]));
  const amzDate = String(req.headers['x-amz-date']);
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signed = await signer.sign(
    { method: req.method!, protocol: 'http:', hostname: '127.0.0.1', port: (server.address() as AddressInfo).port, path: req.url!, headers, body, query: {} },
    { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(signedNames) },
  );
  return String(signed.headers.authorization);
}

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const name = decodeURIComponent(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '')?.[1] ?? '');
      received.push({
        name,
        authorization: String(req.headers.authorization),
        expected: await expectedAuthorization(req, body),
        amzDate: String(req.headers['x-amz-date']),
        token: req.headers['x-amz-security-token'] as string | undefined,
        envelope: JSON.parse(body) as Received['envelope'],
      });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      if (name === 'callee') json(200, { ok: true, result: { doubled: 2 * (JSON.parse(body) as { payload: { n: number } }).payload.n }, metrics: { runtime: 3.5, newcontainer: 1 } });
      else if (name === 'failing') json(200, { ok: false, error: { type: 'ValidationError', message: 'bad n' }, metrics: { runtime: 1, newcontainer: 0 } });
      else if (name === 'slow') json(200, { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds' }, { 'x-amz-function-error': 'Unhandled' });
      else json(404, { Type: 'User', message: `Function not found: arn:aws:lambda:${REGION}:123456789012:function:${name}` }, { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.awsgirlboss/' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const lambdaEnv = () => ({
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: CREDS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey,
  AWS_SESSION_TOKEN: CREDS.sessionToken,
  AWS_ENDPOINT_URL_LAMBDA: endpoint,
});

interface CallerOutcome {
  ok: boolean;
  result: { calls: Array<{ answer?: unknown; caught?: { name: string; message: string } }> };
  trace: { traceId: string; callId: string };
  nested: Array<{ function: string; status: string; cold?: boolean; error?: { type: string }; roundTripMs: number; metrics: Record<string, unknown>; trace: { traceId: string; callId: string; parentId: string } }>;
}

function checkChain(outcome: CallerOutcome, from: number): void {
  assert.equal(outcome.ok, true);
  const calls = outcome.result.calls;
  assert.deepEqual(calls[0], { answer: { doubled: 14 } });
  assert.deepEqual(calls[1].caught, { name: 'ValidationError', message: 'bad n' });
  assert.deepEqual(calls[2].caught, { name: 'Timeout', message: 'Task timed out after 3.00 seconds' });
  assert.equal(calls[3].caught?.name, 'ResourceNotFoundException');
  assert.match(calls[3].caught!.message, /^context\.invoke: no Lambda function 'nobody' in eu-west-1: deploy it first/);

  const requests = received.slice(from);
  assert.deepEqual(requests.map((r) => r.name), ['callee', 'failing', 'slow', 'nobody']);
  for (const r of requests) {
    assert.match(r.amzDate, /^\d{8}T\d{6}Z$/);
    assert.equal(r.token, CREDS.sessionToken);
    assert.match(r.authorization, new RegExp(`^AWS4-HMAC-SHA256 Credential=${CREDS.accessKeyId}/${r.amzDate.slice(0, 8)}/${REGION}/lambda/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-invocation-type;x-amz-security-token, Signature=[0-9a-f]{64}$`));
    assert.equal(r.authorization, r.expected, 'the signature AWS would compute');
    assert.equal(r.envelope.__faaslab.metrics, true);
    assert.equal(r.envelope.__faaslab.trace.traceId, outcome.trace.traceId);
    assert.equal(r.envelope.__faaslab.trace.parentId, outcome.trace.callId);
  }
  assert.deepEqual(requests[0].envelope.payload, { n: 7 });
  // The call that never started (no such function) is not a nested call of the record.
  assert.deepEqual(outcome.nested.map((n) => [n.function, n.status, n.error?.type]), [['callee', 'ok', undefined], ['failing', 'error', 'ValidationError'], ['slow', 'timeout', 'Timeout']]);
  assert.equal(outcome.nested[0].cold, true);
  assert.equal(outcome.nested[0].metrics.runtime, 3.5);
  for (const [i, n] of outcome.nested.entries()) {
    assert.deepEqual(n.trace, requests[i].envelope.__faaslab.trace, 'the ids the callee was given');
    assert.equal(typeof n.roundTripMs, 'number');
  }
  assert.equal(outcome.trace.traceId, outcome.trace.callId, 'a call FaaS Lab made directly is the top of its tree');
}

test('Node Lambda shim: context.invoke signs a Lambda Invoke request and records each nested call', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, lambdaEnv());
  try {
    const handler = lambdaHandler(async (req, ctx: HandlerContext) => {
      const calls = [];
      for (const name of (req as { callees: string[] }).callees) {
        try {
          calls.push({ answer: await ctx.invoke!(name, { n: 7 }) });
        } catch (err) {
          calls.push({ caught: { name: (err as Error).name, message: (err as Error).message } });
        }
      }
      return { calls };
    });
    const from = received.length;
    const outcome = (await handler({ __faaslab: { metrics: true }, payload: { callees: ['callee', 'failing', 'slow', 'nobody'] } }, { functionName: 'caller' })) as CallerOutcome;
    checkChain(outcome, from);
    // Called by another FaaS Lab function: the ids it was given, passed on to its own callees.
    const given = { traceId: 'trace-1', callId: 'call-2', parentId: 'call-1' };
    const inner = (await handler({ __faaslab: { metrics: true, trace: given }, payload: { callees: ['callee'] } }, { functionName: 'caller' })) as CallerOutcome;
    assert.deepEqual(inner.trace, given);
    assert.deepEqual([inner.nested[0].trace.traceId, inner.nested[0].trace.parentId], ['trace-1', 'call-2']);
  } finally {
    process.env = saved;
  }
});

test('Python Lambda shim: context.invoke signs a Lambda Invoke request and records each nested call', async () => {
  const script = `
import sys, json
sys.path.insert(0, ${JSON.stringify(SHIM_DIR)})
import faaslab_runtime as r
def caller(req, ctx):
    calls = []
    for name in req["callees"]:
        try:
            calls.append({"answer": ctx.invoke(name, {"n": 7})})
        except r.NestedCallError as e:
            calls.append({"caught": {"name": e.type, "message": str(e)}})
    return {"calls": calls}
print(json.dumps(r.lambda_handler(caller)({"__faaslab": {"metrics": True}, "payload": {"callees": ["callee", "failing", "slow", "nobody"]}}, None)))
`;
  const from = received.length;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('python3', ['-c', script], { env: { PATH: process.env.PATH, ...lambdaEnv() }, timeout: 20_000 }, (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out))),
  );
  checkChain(JSON.parse(stdout.trim().split('\n').pop()!) as CallerOutcome, from);
});
