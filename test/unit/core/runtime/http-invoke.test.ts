// context.invoke from the Google Cloud Functions and Azure Functions wrappers (Node and Python),
// run for real against loopback servers: a fake metadata server that mints identity tokens only
// for requests with Metadata-Flavor: Google, and a callee that checks each request's exact headers
// (Bearer token for its own URL, or its function key; the metrics header; the caller's trace ids).
import { HttpRequest, InvocationContext } from '@azure/functions';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { azureHttpHandler } from '../../../../src/core/runtime/node/azure';
import { gcpHttpFunction, type GcpResponse } from '../../../../src/core/runtime/node/gcp';
import type { HandlerContext } from '../../../../src/core/runtime/node';

const SHIM_DIR = path.resolve(__dirname, '../../../../src/core/runtime/python');
const HANDLERS = path.resolve(__dirname, '../../../fixtures/handlers');
const tokenFor = (audience: string) => `id-token.${Buffer.from(audience).toString('base64url')}`;

let metadata: Server;
let callee: Server;
let metadataHost: string;
let calleeBase: string;
const seen: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

before(async () => {
  metadata = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://metadata');
    if (req.headers['metadata-flavor'] !== 'Google') res.writeHead(403).end('Missing Metadata-Flavor: Google header');
    else if (url.pathname !== '/computeMetadata/v1/instance/service-accounts/default/identity' || !url.searchParams.get('audience')) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'text/html' }).end(tokenFor(url.searchParams.get('audience')!));
  });
  callee = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      const [, platform, name] = (req.url ?? '').split('/');
      const authorized = platform === 'gcp' ? req.headers.authorization === `Bearer ${tokenFor(`http://${calleeBase}${req.url}`)}` : req.headers['x-functions-key'] === `key-${name}`;
      if (!authorized) res.writeHead(401).end('unauthorized');
      else if (name === 'gone') res.writeHead(404).end('Page not found');
      else if (req.headers['x-faaslab-metrics'] !== '1' || req.headers['content-type'] !== 'application/json') res.writeHead(400).end('not a FaaS Lab call');
      else answer();
    });
    const answer = () => {
      const body = seen.at(-1)!.body;
      const name = (req.url ?? '').split('/')[2];
      const outcome = name === 'fails' ? { ok: false, error: { type: 'ValidationError', message: 'bad name' }, metrics: { runtime: 1 } } : { ok: true, result: { hello: (JSON.parse(body) as { name: string }).name }, metrics: { runtime: 2.5, newcontainer: 1 } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome));
    };
  });
  [metadataHost, calleeBase] = await Promise.all([listen(metadata), listen(callee)]);
});
after(() => {
  metadata.close();
  callee.close();
});

const platformEnv = () => ({
  FAASLAB_CALL_URL: `http://${calleeBase}/gcp/{name}`,
  GCE_METADATA_HOST: metadataHost,
  FAASLAB_FUNCTION_NAME: 'caller',
  FAASLAB_FUNCTIONS: JSON.stringify(Object.fromEntries(['callee', 'fails', 'gone'].map((n) => [n, { url: `http://${calleeBase}/azure/${n}`, key: `key-${n}` }]))),
});

interface Outcome {
  ok: boolean;
  result: { answer?: { hello: string }; caught?: { name: string; message: string } };
  trace?: { traceId: string; callId: string; parentId?: string };
  nested?: Array<{ function: string; status: string; cold?: boolean; roundTripMs: number; trace: { traceId: string; callId: string; parentId: string } }>;
}

/** The callee's answer, its error, a URL nothing answers at, and (Azure) a function not deployed before the caller. */
async function checkCalls(platform: 'gcp' | 'azure', call: (callee: string, traceHeaders?: Record<string, string>) => Promise<Outcome>): Promise<void> {
  const from = seen.length;
  const ok = await call('callee');
  assert.deepEqual(ok.result.answer, { hello: 'Ada' });
  const request = seen[from];
  assert.equal(request.path, `/${platform}/callee`);
  assert.equal(request.headers['x-faaslab-trace-id'], ok.trace!.traceId);
  assert.equal(request.headers['x-faaslab-parent-id'], ok.trace!.callId);
  assert.equal(ok.nested!.length, 1);
  assert.deepEqual([ok.nested![0].function, ok.nested![0].status, ok.nested![0].cold], ['callee', 'ok', true]);
  assert.deepEqual(ok.nested![0].trace, { traceId: ok.trace!.traceId, callId: request.headers['x-faaslab-call-id'], parentId: ok.trace!.callId });

  const failed = await call('fails');
  assert.deepEqual(failed.result.caught, { name: 'ValidationError', message: 'bad name' });
  assert.equal(failed.nested![0].status, 'error');

  const gone = await call('gone');
  assert.equal(gone.result.caught!.name, 'FunctionNotFound');
  assert.match(gone.result.caught!.message, new RegExp(`^context\\.invoke: nothing answers for gone at http://${calleeBase}/${platform}/gone \\(HTTP 404\\)`));
  assert.equal(gone.nested, undefined, 'a call that reached no function is not a nested call');

  // Called by another FaaS Lab function: the ids it was given, passed on.
  const inner = await call('callee', { 'x-faaslab-trace-id': 't-1', 'x-faaslab-call-id': 'c-2', 'x-faaslab-parent-id': 'c-1' });
  assert.deepEqual(inner.trace, { traceId: 't-1', callId: 'c-2', parentId: 'c-1' });
  assert.equal(seen.at(-1)!.headers['x-faaslab-parent-id'], 'c-2');
}

const nodeCaller = async (request: unknown, context: HandlerContext) => {
  try {
    const r = request as { callee: string; payload: unknown };
    return { answer: await context.invoke!(r.callee, r.payload) };
  } catch (err) {
    return { caught: { name: (err as Error).name, message: (err as Error).message } };
  }
};

/** Runs `body` with the platform's environment set as FaaS Lab's deploy sets it. */
async function inPlatformEnv(body: () => Promise<void>): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, platformEnv());
  try {
    await body();
  } finally {
    process.env = saved;
  }
}

test('Node Google Cloud Functions wrapper: context.invoke calls the callee URL with an identity token from the metadata server', () =>
  inPlatformEnv(async () => {
    const fn = gcpHttpFunction(nodeCaller, 'caller');
    await checkCalls('gcp', async (name, traceHeaders = {}) => {
      const rawBody = Buffer.from(JSON.stringify({ callee: name, payload: { name: 'Ada' } }));
      let text = '';
      const res: GcpResponse = { writeHead: () => undefined, end: (body: string) => (text = body) };
      await fn({ method: 'POST', headers: { 'x-faaslab-metrics': '1', ...traceHeaders }, rawBody }, res);
      return JSON.parse(text) as Outcome;
    });
  }));

test('Node Azure Functions wrapper: context.invoke calls the callee URL with its function key', () =>
  inPlatformEnv(async () => {
    const handler = azureHttpHandler(nodeCaller, 'caller');
    await checkCalls('azure', async (name, traceHeaders = {}) => {
      const request = new HttpRequest({ method: 'POST', url: 'https://caller.azurewebsites.net/api/caller', body: { string: JSON.stringify({ callee: name, payload: { name: 'Ada' } }) }, headers: { 'x-faaslab-metrics': '1', ...traceHeaders } });
      const response = await handler(request, new InvocationContext({ functionName: 'caller', invocationId: 'inv-1' }));
      return JSON.parse(String((response as { body: string }).body)) as Outcome;
    });
    const unknown = await handler(new HttpRequest({ method: 'POST', url: 'https://caller.azurewebsites.net/api/caller', body: { string: '{"callee": "later"}' }, headers: { 'x-faaslab-metrics': '1' } }), new InvocationContext({ functionName: 'caller' }));
    const caught = (JSON.parse(String((unknown as { body: string }).body)) as Outcome).result.caught!;
    assert.deepEqual(caught, { name: 'FunctionNotFound', message: "context.invoke: caller knows no Azure function 'later' in its resource group: deploy later there with FaaS Lab (a deploy gives every FaaS Lab function of the group the new one's URL and key)." });
  }));

function python(code: string): Promise<string> {
  const script = `import json, sys\nsys.path[:0] = [${JSON.stringify(SHIM_DIR)}, ${JSON.stringify(HANDLERS)}]\n${code}`;
  return new Promise((resolve, reject) =>
    execFile('python3', ['-c', script], { env: { PATH: process.env.PATH, ...platformEnv() }, timeout: 20_000 }, (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out.trim().split('\n').pop()!))),
  );
}

test('Python Google Cloud Functions wrapper: context.invoke calls the callee URL with an identity token from the metadata server', async () => {
  await checkCalls('gcp', async (name, traceHeaders = {}) => {
    const out = await python(`
import faaslab_gcp
class Request:
    method = "POST"
    headers = ${JSON.stringify({ 'x-faaslab-metrics': '1', ...traceHeaders })}
    def get_data(self):
        return json.dumps({"callee": ${JSON.stringify(name)}, "payload": {"name": "Ada"}}).encode()
body, status, _ = faaslab_gcp.http_function("caller.caller")(Request())
print(body.decode())
`);
    return JSON.parse(out) as Outcome;
  });
});

test('Python Azure Functions wrapper: context.invoke calls the callee URL with its function key', async () => {
  await checkCalls('azure', async (name, traceHeaders = {}) => {
    const out = await python(`
import faaslab_azure, faaslab_runtime
h = faaslab_runtime.load_handler("caller.caller")
status, body = faaslab_azure.handle(h, "caller", json.dumps({"callee": ${JSON.stringify(name)}, "payload": {"name": "Ada"}}).encode(), ${JSON.stringify({ 'x-faaslab-metrics': '1', ...traceHeaders })})
print(body.decode())
`);
    return JSON.parse(out) as Outcome;
  });
});
