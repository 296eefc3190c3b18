// The local host over a real LocalProvider: FaaS Lab's own clients share its instances, the real AWS
// SDK and boto3 call local functions through its Lambda Invoke API, curl-style function URLs work,
// and nothing gets in without the token.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LocalProvider } from '../../../../src/providers/local';
import { hostFiles, type HostDiscovery } from '../../../../src/providers/local/host-discovery';
import { LocalHost } from '../../../../src/providers/local/host-server';
import { RemoteLocalProvider } from '../../../../src/providers/local/remote';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-host-'));
const provider = new LocalProvider({ stateDir: hostFiles(root).dir, cpuScaling: false });
const host = new LocalHost({ root, provider, idleMs: 600_000, log: () => undefined });
let discovery: HostDiscovery;
const clients: RemoteLocalProvider[] = [];

function client(): RemoteLocalProvider {
  const c = new RemoteLocalProvider({ root, idleSeconds: 60 });
  clients.push(c);
  return c;
}

async function deploy(c: RemoteLocalProvider, file: string, handler: string) {
  const spec = fixtureSpec(file, handler);
  return c.deploy(spec, await fixtureArtifact(spec));
}

before(async () => {
  discovery = await host.start();
});

after(async () => {
  await host.stop('the test ended');
  await provider.dispose();
  rmSync(root, { recursive: true, force: true });
});

function lambda(accessKeyId: string): LambdaClient {
  return new LambdaClient({ endpoint: discovery.urls.aws, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'anything' } });
}

test('the discovery file is private (0600) and gives the port, token and ready-made URLs', () => {
  assert.equal(statSync(hostFiles(root).discovery).mode & 0o777, 0o600);
  assert.equal(discovery.pid, process.pid);
  assert.equal(discovery.urls.aws, `http://127.0.0.1:${discovery.port}`);
  assert.equal(discovery.urls.openfaas, `http://127.0.0.1:${discovery.port}/function/<name>?token=${discovery.token}`);
});

test('two clients of one host (the editor and the CLI) share a warm instance: same uuid, the second call warm', async () => {
  const editor = client();
  const cli = client();
  const d = await deploy(editor, 'hello.js', 'hello');
  const first = await editor.invoke(d, { name: 'Ada' });
  assert.equal(first.status, 'ok', first.error?.message);
  assert.equal(first.cold, true);
  const second = await cli.invoke((await cli.get('hello'))!, { name: 'Grace' });
  assert.deepEqual(second.result, { message: 'Hello, Grace!', function: 'hello', requestId: (second.result as { requestId: string }).requestId });
  assert.equal(second.cold, false);
  assert.equal(second.metrics.uuid, first.metrics.uuid);
  assert.deepEqual((await cli.list()).map((x) => x.name), (await editor.list()).map((x) => x.name));
  assert.ok((await cli.logs(d, { limit: 20 })).some((e) => /instance started/.test(e.message)));
  assert.equal((await cli.readiness()).ready, true);
});

test('a user error keeps its message through the host; remove and recycle reach the platform', async () => {
  const c = client();
  const d = await deploy(c, 'hello.js', 'hello');
  await assert.rejects(c.invoke({ ...d, name: 'missing' }, {}), { name: 'UserError', message: /No local function 'missing'/ });
  const before = await c.invoke(d, {});
  await c.recycle(d);
  const after = await c.invoke(d, {});
  assert.equal(after.cold, true);
  assert.notEqual(after.metrics.uuid, before.metrics.uuid);
  const gone = await deploy(c, 'sleeper.js', 'sleeper');
  await c.remove(gone);
  assert.equal(await c.get('sleeper'), undefined);
});

test('aborting the request cancels the call on the host', async () => {
  const c = client();
  const d = await deploy(c, 'sleeper.js', 'sleeper');
  const controller = new AbortController();
  const call = c.invoke(d, { ms: 5000 }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 300);
  await assert.rejects(call, { name: 'AbortError' });
  // The host stopped the instance mid-call, as an in-process cancel does.
  for (let i = 0; i < 100 && provider.instanceCount('sleeper') > 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(provider.instanceCount('sleeper'), 0);
});

test('a missing or wrong token is refused with 403 on every door', async () => {
  const base = discovery.urls.aws;
  const wrong = 'f'.repeat(discovery.token.length);
  for (const [url, headers] of [
    [`${base}/faaslab/v1/list`, {}],
    [`${base}/faaslab/v1/list`, { 'x-faaslab-token': wrong }],
    [`${base}/faaslab/v1/list`, { authorization: `Bearer ${wrong}` }],
    [`${base}/function/hello`, {}],
    [`${base}/function/hello?token=${wrong}`, {}],
    // The query token is for function URLs only.
    [`${base}/faaslab/v1/list?token=${discovery.token}`, {}],
    [`${base}/2015-03-31/functions/hello/invocations`, {}],
  ] as const) {
    const res = await fetch(url, { method: 'POST', headers, body: '{}' });
    assert.equal(res.status, 403, `${url} ${JSON.stringify(headers)}`);
  }
  await assert.rejects(lambda(wrong).send(new InvokeCommand({ FunctionName: 'hello' })), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(err.name, 'UnrecognizedClientException');
    assert.equal(err.$metadata?.httpStatusCode, 403);
    return true;
  });
  const ok = await fetch(`${base}/faaslab/v1/list`, { method: 'POST', headers: { authorization: `Bearer ${discovery.token}` }, body: '{}' });
  assert.equal(ok.status, 200);
});

test('the real AWS SDK invokes a local function: result, X-Amz-Function-Error, log tail, executed version, not found', async () => {
  const c = client();
  await deploy(c, 'hello.js', 'hello');
  await deploy(c, 'throws.js', 'throws');
  const sdk = lambda(discovery.token);
  const ok = await sdk.send(new InvokeCommand({ FunctionName: 'hello', Payload: JSON.stringify({ name: 'Ada' }), LogType: 'Tail' }));
  assert.equal(ok.StatusCode, 200);
  assert.equal(ok.FunctionError, undefined);
  assert.equal(ok.ExecutedVersion, '$LATEST');
  assert.equal(JSON.parse(Buffer.from(ok.Payload!).toString()).message, 'Hello, Ada!');
  assert.match(Buffer.from(ok.LogResult!, 'base64').toString(), /^START RequestId: .*\nEND RequestId: .*\nREPORT RequestId: .*Memory Size: 128 MB/m);

  const failed = await sdk.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:throws', Payload: JSON.stringify({ x: 1 }) }));
  assert.equal(failed.FunctionError, 'Unhandled');
  const body = JSON.parse(Buffer.from(failed.Payload!).toString());
  assert.equal(body.errorType, 'ValidationError');
  assert.match(body.errorMessage, /bad input: {"x":1}/);
  assert.ok(Array.isArray(body.stackTrace));

  await assert.rejects(sdk.send(new InvokeCommand({ FunctionName: 'nope' })), { name: 'ResourceNotFoundException', message: /Function not found: .*:function:nope/ });
  const dry = await sdk.send(new InvokeCommand({ FunctionName: 'hello', InvocationType: 'DryRun' }));
  assert.equal(dry.StatusCode, 204);
});

test('boto3 from the machine\'s python3 invokes a local function with the token as its access key id', async () => {
  if (spawnSync('python3', ['-c', 'import boto3']).status !== 0) {
    // moto depends on boto3, so this machine should have it.
    assert.fail('python3 cannot import boto3: install it (pip install boto3)');
  }
  const c = client();
  await deploy(c, 'hello.js', 'hello');
  await deploy(c, 'throws.js', 'throws');
  const script = [
    'import boto3, json, base64, sys',
    `c = boto3.client("lambda", endpoint_url="${discovery.urls.aws}", region_name="eu-west-1", aws_access_key_id="${discovery.token}", aws_secret_access_key="x")`,
    'r = c.invoke(FunctionName="hello", Payload=json.dumps({"name": "Py"}), LogType="Tail")',
    'print(json.dumps({"payload": json.loads(r["Payload"].read()), "version": r["ExecutedVersion"], "log": base64.b64decode(r["LogResult"]).decode()}))',
    'e = c.invoke(FunctionName="throws", Payload=b"{}")',
    'print(json.dumps({"error": e.get("FunctionError")}))',
  ].join('\n');
  // Asynchronously: the host answering it runs in this process.
  const r = await promisify(execFile)('python3', ['-c', script], { encoding: 'utf8', timeout: 60_000 });
  const [ok, failed] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(ok.payload.message, 'Hello, Py!');
  assert.equal(ok.version, '$LATEST');
  assert.match(ok.log, /REPORT RequestId/);
  assert.equal(failed.error, 'Unhandled');
});

test('OpenFaaS-style function URLs: the ready-made URL with its token, or the header; errors and unknown names say so', async () => {
  const c = client();
  await deploy(c, 'hello.js', 'hello');
  await deploy(c, 'throws.js', 'throws');
  const url = discovery.urls.openfaas.replace('<name>', 'hello');
  const res = await fetch(url, { method: 'POST', body: JSON.stringify({ name: 'Curl' }) });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { message: string }).message, 'Hello, Curl!');
  const byHeader = await fetch(`${discovery.urls.aws}/function/hello`, { method: 'POST', headers: { 'x-faaslab-token': discovery.token }, body: '' });
  assert.equal(((await byHeader.json()) as { message: string }).message, 'Hello, world!');
  const failed = await fetch(discovery.urls.openfaas.replace('<name>', 'throws'), { method: 'POST', body: '{}' });
  assert.equal(failed.status, 500);
  assert.match(await failed.text(), /^ValidationError: bad input/);
  const missing = await fetch(discovery.urls.openfaas.replace('<name>', 'nope'), { method: 'POST', body: '{}' });
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /No local function 'nope'/);
});
