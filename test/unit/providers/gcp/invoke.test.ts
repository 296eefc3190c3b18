// Calls through the provider: the uploaded zip really runs under @google-cloud/functions-framework
// (its test server, on 127.0.0.1) behind the loopback function URL, which checks the identity
// token; then the platform's answers the shim never sees (429, 504, 5xx pages, 403).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../../src/core/bad-input';
import type { Deployment } from '../../../../src/core/model';
import { fixtureSpec, gcpArtifact, loopback, serveWithFunctionsFramework, unzipToTemp, type Loopback } from './harness';

async function deployRunning(t: Parameters<typeof loopback>[0], file: string, handler: string, name: string): Promise<Loopback & { d: Deployment }> {
  const lb = await loopback(t, { pollsUntilDone: 0 });
  const spec = fixtureSpec(file, handler, { name, memoryMB: 256, platforms: ['gcp'] });
  const d = await lb.provider.deploy(spec, await gcpArtifact(spec));
  const upload = [...lb.api.uploads.values()].at(-1)!;
  const app = await unzipToTemp(t, upload);
  // The environment Cloud Functions gives the instance: the service config's variables.
  const env = (lb.api.functions.get(`projects/faaslab-test/locations/us-central1/functions/${name}`)!.serviceConfig!.environmentVariables ?? {}) as Record<string, string>;
  lb.api.runners.set(name, await serveWithFunctionsFramework(t, app, handler, { ...env, K_SERVICE: name }));
  return { ...lb, d };
}

test('the deployed Node artifact starts under the Functions Framework and answers with the shim’s metrics', async (t) => {
  const { api, provider, d, idTokenAudiences } = await deployRunning(t, 'hello.js', 'hello', 'hello-node');
  const first = await provider.invoke(d, { name: 'Ada' });
  assert.equal(first.status, 'ok', JSON.stringify(first.error));
  assert.deepEqual((first.result as { message: string; function: string }).message, 'Hello, Ada!');
  assert.equal((first.result as { function: string }).function, 'hello-node');
  assert.equal(first.metrics.newcontainer, 1);
  assert.equal(first.metrics.lang, 'node');
  assert.equal(first.metrics.functionMemory, 256);
  assert.equal(first.metrics.functionName, 'hello-node');
  assert.ok(typeof first.metrics.runtime === 'number' && first.roundTripMs >= first.metrics.runtime);
  assert.ok(first.clientEnd >= first.clientStart);

  const second = await provider.invoke(d, undefined);
  assert.equal(second.status, 'ok');
  assert.equal((second.result as { message: string }).message, 'Hello, world!');
  assert.equal(second.metrics.newcontainer, 0);
  assert.equal(second.metrics.uuid, first.metrics.uuid, 'same instance');

  const calls = api.requests.filter((r) => r.path === '/fn/hello-node');
  assert.equal(calls.length, 2);
  for (const c of calls) {
    assert.equal(c.method, 'POST');
    assert.equal(c.headers.authorization, `Bearer id-token-for:${d.endpoint}`);
    assert.equal(c.headers['x-faaslab-metrics'], '1');
    assert.equal(c.headers['content-type'], 'application/json');
  }
  assert.equal(calls[0].body.toString(), '{"name":"Ada"}');
  assert.equal(calls[1].body.length, 0, 'no payload: no body');
  assert.deepEqual(idTokenAudiences, [d.endpoint, d.endpoint], 'the token’s audience is the function URL');
});

test('a throwing handler is an error record with the shim’s metrics; a plain caller gets HTTP 500', async (t) => {
  const { api, provider, d } = await deployRunning(t, 'throws.js', 'throws', 'thrower');
  const inv = await provider.invoke(d, { x: 1 });
  assert.equal(inv.status, 'error');
  assert.equal(inv.error!.type, 'ValidationError');
  assert.equal(inv.error!.message, 'bad input: {"x":1}');
  assert.equal(inv.metrics.newcontainer, 1);

  const circular = await provider.invoke(d, { circular: true });
  assert.equal(circular.status, 'error');
  assert.equal(circular.error!.type, 'ResultNotSerializable');

  // Without the metrics header (a caller outside FaaS Lab): the framework answers 500 with the error.
  const plain = await fetch(`${api.runners.get('thrower')}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":2}' });
  assert.equal(plain.status, 500);
  assert.equal(((await plain.json()) as { error: { type: string } }).error.type, 'ValidationError');
});

test('platform answers: 429 is throttled, 504 a timeout, a 5xx page a PlatformError; 403 and 404 are thrown', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 0 });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'busy', timeoutS: 5, platforms: ['gcp'] });
  const d = await provider.deploy(spec, await gcpArtifact(spec));
  api.scriptedCalls.set('busy', [
    { status: 429, body: 'Rate exceeded.' },
    { status: 504, body: 'upstream request timeout' },
    { status: 503, body: '<html><head><title>503</title></head><body>Service Unavailable: the instance crashed</body></html>' },
  ]);
  const throttled = await provider.invoke(d, {});
  assert.equal(throttled.status, 'throttled');
  assert.equal(throttled.error!.type, 'Throttled');
  assert.match(throttled.error!.message, /^Rate exceeded: Google Cloud Functions throttled busy/);

  const timeout = await provider.invoke(d, {});
  assert.equal(timeout.status, 'timeout');
  assert.match(timeout.error!.message, /busy timed out after 5 s/);

  const crashed = await provider.invoke(d, {});
  assert.equal(crashed.status, 'error');
  assert.equal(crashed.error!.type, 'PlatformError');
  assert.match(crashed.error!.message, /HTTP 503: 503 Service Unavailable: the instance crashed/);

  // No scripted answer and no running code: the URL answers 404.
  await assert.rejects(provider.invoke(d, {}), /busy does not answer at .* \(HTTP 404\)/);
  const { provider: wrongToken } = await loopback(t, {}, { idToken: async () => 'someone-else' });
  await assert.rejects(wrongToken.invoke(d, {}), (err: Error) => err.name === 'UserError' && /HTTP 403.*roles\/run\.invoker/.test(err.message));
});

test('logs: entries:list on the function’s Cloud Run service, oldest first', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 0 });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'chatty', platforms: ['gcp'] });
  const d = await provider.deploy(spec, await gcpArtifact(spec));
  api.logEntries.push(
    { timestamp: '2026-01-01T00:00:02Z', textPayload: 'second' },
    { timestamp: '2026-01-01T00:00:01Z', jsonPayload: { message: 'first' } },
  );
  const logs = await provider.logs!(d, { limit: 10 });
  assert.deepEqual(logs, [
    { time: '2026-01-01T00:00:01Z', message: 'first' },
    { time: '2026-01-01T00:00:02Z', message: 'second' },
  ]);
  const req = api.requests.find((r) => r.path === '/v2/entries:list')!;
  assert.equal(req.method, 'POST');
  assert.equal(req.headers.authorization, 'Bearer test-access-token');
  assert.deepEqual(req.json, {
    resourceNames: ['projects/faaslab-test'],
    filter: 'resource.type="cloud_run_revision" AND resource.labels.service_name="chatty" AND resource.labels.location="us-central1"',
    orderBy: 'timestamp desc',
    pageSize: 10,
  });
});

test('a payload over the 32 MB of a 2nd gen HTTP request is refused before anything is sent (no token asked, no call)', async (t) => {
  const { api, provider, d, idTokenAudiences } = await deployRunning(t, 'hello.js', 'hello', 'hello-big');
  const before = api.requests.length;
  await assert.rejects(
    provider.invoke(d, 'x'.repeat(32 * 1024 * 1024)),
    (err: unknown) => err instanceof BadInputError && /32\.0 MB \(33554434 bytes\) of JSON, over the 32 MB \(33554432 bytes\) limit of a request on Google Cloud Functions/.test(err.message),
  );
  assert.equal(api.requests.length, before, 'nothing was sent');
  assert.deepEqual(idTokenAudiences, []);
});
