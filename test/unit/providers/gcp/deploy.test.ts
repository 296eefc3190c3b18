// Deploy, configure, list, get, recycle and delete against the loopback Functions API: exactly
// which requests google-gax's REST transport sends, with the bearer token, and that the
// long-running operations are polled until done.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipArtifact } from '../../../../src/core/packaging';
import { deployIfChanged } from '../../../../src/core/functions/deploy';
import { RUNTIME_DIR } from '../../../fixtures/handlers/artifacts';
import { LOCATION, fixtureSpec, gcpArtifact, loopback } from './harness';
import { TEST_ACCESS_TOKEN } from '../../../fixtures/gcp/functions-api';

test('create: upload URL, unauthenticated zip PUT, createFunction with build and service config, LRO polled to done', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 2 });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'hello-node', memoryMB: 256, timeoutS: 20, env: { GREETING: 'hi' }, platforms: ['gcp'] });
  const artifact = await gcpArtifact(spec);
  const d = await provider.deploy(spec, artifact);

  const name = `${LOCATION}/functions/hello-node`;
  const ops = api.apiCalls();
  assert.deepEqual(ops.slice(0, 3), [`GET /v2/${name}`, `POST /v2/${LOCATION}/functions:generateUploadUrl`, `POST /v2/${LOCATION}/functions`]);
  const polls = ops.slice(3);
  assert.ok(polls.length >= 3, `polled until done: ${polls.join(', ')}`);
  for (const p of polls) assert.match(p, new RegExp(`^GET /v2/${LOCATION}/operations/operation-1-create$`));
  for (const r of api.requests.filter((x) => x.path.startsWith('/v2/'))) {
    assert.equal(r.headers.authorization, `Bearer ${TEST_ACCESS_TOKEN}`, `${r.method} ${r.path} carries the OAuth2Client's token`);
    assert.match(String(r.headers['x-goog-api-client']), /rest\//, 'the REST (fallback) transport, not gRPC');
    // The Functions calls ask for int enums; the operations client (google.longrunning) does not.
    assert.equal(r.query.get('$alt'), r.path.includes('/operations/') ? null : 'json;enum-encoding=int', `${r.method} ${r.path}`);
  }

  const upload = api.requests.find((r) => r.path.startsWith('/upload/'))!;
  assert.equal(upload.method, 'PUT');
  assert.equal(upload.headers['content-type'], 'application/zip');
  assert.equal(upload.headers.authorization, undefined, 'no credentials on the signed URL');
  assert.deepEqual(upload.body, await zipArtifact(artifact), 'the packager’s deterministic zip');

  const create = api.requests.find((r) => r.method === 'POST' && r.path === `/v2/${LOCATION}/functions`)!;
  assert.equal(create.query.get('functionId'), 'hello-node');
  assert.deepEqual(create.json, {
    name,
    description: `Deployed by FaaS Lab: hello in ${spec.file}`,
    environment: 2,
    labels: { 'faaslab-managed': 'true', 'faaslab-code-hash': artifact.codeHash.slice(0, 32), 'faaslab-code-hash-end': artifact.codeHash.slice(32) },
    // protobuf.js turns every map field into {} on the way: the real client sends it so.
    buildConfig: { environmentVariables: {}, runtime: 'nodejs20', entryPoint: 'hello', source: { storageSource: { bucket: 'gcf-v2-uploads-123-us-central1', object: 'upload-1.zip' } } },
    serviceConfig: {
      availableMemory: '256Mi',
      availableCpu: '0.167',
      timeoutSeconds: 20,
      maxInstanceRequestConcurrency: 1,
      environmentVariables: { GREETING: 'hi', FAASLAB_FUNCTION_NAME: 'hello-node', FAASLAB_MEMORY_MB: '256', FAASLAB_TIMEOUT_S: '20', FAASLAB_REGION: 'us-central1', FAASLAB_CALL_URL: 'https://us-central1-faaslab-test.cloudfunctions.net/{name}' },
      allTrafficOnLatestRevision: true,
    },
  });

  assert.equal(d.platform, 'gcp');
  assert.equal(d.name, 'hello-node');
  assert.equal(d.language, 'node');
  assert.equal(d.runtime, 'nodejs20');
  assert.equal(d.memoryMB, 256);
  assert.equal(d.timeoutS, 20);
  assert.equal(d.codeHash, artifact.codeHash);
  assert.equal(d.endpoint, api.functionUrl('hello-node'));
  assert.deepEqual(d.env, { GREETING: 'hi' });
  assert.equal(d.sourceFile, spec.file);
  assert.equal(d.handler, 'hello');
  assert.equal(d.managed, true);
  assert.deepEqual(await provider.get('hello-node'), d);
});

test('redeploy of unchanged code: no upload, updateFunction without buildConfig.source in the mask', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 0 });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'hello-node', platforms: ['gcp'] });
  const artifact = await gcpArtifact(spec);
  await provider.deploy(spec, artifact);
  api.requests.length = 0;
  const d = await provider.deploy({ ...spec, memoryMB: 512, env: { MODE: 'x' } }, artifact);
  assert.equal(api.requests.filter((r) => r.path.includes('generateUploadUrl') || r.path.startsWith('/upload/')).length, 0, 'the code is not uploaded again');
  const patch = api.requests.find((r) => r.method === 'PATCH')!;
  assert.equal(patch.path, `/v2/${LOCATION}/functions/hello-node`);
  const mask = patch.query.get('updateMask')!.split(',');
  assert.ok(!mask.includes('buildConfig.source'), mask.join(','));
  assert.ok(mask.includes('serviceConfig.availableMemory') && mask.includes('serviceConfig.environmentVariables'), mask.join(','));
  assert.equal(d.memoryMB, 512);
  assert.deepEqual(d.env, { MODE: 'x' });

  api.requests.length = 0;
  const changed = { ...artifact, codeHash: 'f'.repeat(64) };
  await provider.deploy(spec, changed);
  assert.equal(api.requests.filter((r) => r.path.startsWith('/upload/')).length, 1, 'changed code is uploaded');
  assert.ok(api.requests.find((r) => r.method === 'PATCH')!.query.get('updateMask')!.split(',').includes('buildConfig.source'));
});

test('configure: memory rounds up to the next tier with its CPU, timeout in the service config; a new revision', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 1 });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'sweep', platforms: ['gcp'] });
  const d = await provider.deploy(spec, await gcpArtifact(spec));
  assert.equal(d.memoryMB, 128);
  api.requests.length = 0;
  const bigger = await provider.configure(d, { memoryMB: 1500, timeoutS: 90 });
  assert.equal(bigger.memoryMB, 2048);
  assert.equal(bigger.timeoutS, 90);
  const patch = api.requests.find((r) => r.method === 'PATCH')!;
  assert.deepEqual(patch.query.get('updateMask')!.split(',').sort(), ['serviceConfig.availableCpu', 'serviceConfig.availableMemory', 'serviceConfig.environmentVariables', 'serviceConfig.timeoutSeconds']);
  const service = (patch.json as { serviceConfig: Record<string, unknown> }).serviceConfig;
  assert.equal(service.availableMemory, '2Gi');
  assert.equal(service.availableCpu, '1');
  assert.equal(service.timeoutSeconds, 90);
  assert.equal((service.environmentVariables as Record<string, string>).FAASLAB_MEMORY_MB, '2048');
  assert.ok(api.apiCalls().some((c) => /operations\/operation-\d+-update$/.test(c)), 'the update operation was polled');

  await assert.rejects(provider.configure(d, { memoryMB: 65536 }), /offers 128, 256, .* 32768 MB/);
  await assert.rejects(provider.configure(d, { timeoutS: 4000 }), /1 to 3600 whole seconds/);
  api.requests.length = 0;
  const same = await provider.configure(bigger, { memoryMB: 2048 });
  assert.equal(same.memoryMB, 2048);
  assert.equal(api.requests.filter((r) => r.method === 'PATCH').length, 0, 'nothing to change: no update');
});

test('deploying again with a size Cloud Functions rounds up (300 MB runs as 512 MB) changes nothing', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 0 });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'rounded', memoryMB: 300, platforms: ['gcp'] });
  const first = await deployIfChanged(spec, provider, { runtimeDir: RUNTIME_DIR });
  assert.equal(first.deployment.memoryMB, 512);
  api.requests.length = 0;
  const again = await deployIfChanged(spec, provider, { runtimeDir: RUNTIME_DIR });
  assert.equal(again.action, 'unchanged');
  assert.equal(api.requests.filter((r) => r.method === 'PATCH').length, 0, 'no update for a size it already has');
  const bigger = await deployIfChanged({ ...spec, memoryMB: 600 }, provider, { runtimeDir: RUNTIME_DIR });
  assert.equal(bigger.action, 'configured');
  assert.equal(bigger.deployment.memoryMB, 1024);
});

test('a failed build: the operation’s error becomes a UserError naming the function', async (t) => {
  const { provider } = await loopback(t, { pollsUntilDone: 1, buildError: 'Build failed: npm ERR! missing script' });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'broken', platforms: ['gcp'] });
  await assert.rejects(provider.deploy(spec, await gcpArtifact(spec)), (err: Error) => {
    assert.equal(err.name, 'UserError');
    assert.match(err.message, /deploying broken failed: .*Build failed: npm ERR! missing script/);
    return true;
  });
});

test('names and limits Cloud Functions refuses are caught before any request', async (t) => {
  const { api, provider } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'Hello_World', platforms: ['gcp'] });
  await assert.rejects(provider.deploy(spec, await gcpArtifact(spec)), /'Hello_World' cannot name a Google Cloud Function.*name=hello-world/);
  assert.equal(api.requests.length, 0);
});

test('list, recycle and remove: paged listing of managed functions, FAASLAB_RECYCLE revision, delete LRO', async (t) => {
  const { api, provider } = await loopback(t, { pollsUntilDone: 0 });
  for (const name of ['alpha', 'beta']) {
    const spec = fixtureSpec('hello.js', 'hello', { name, platforms: ['gcp'] });
    await provider.deploy(spec, await gcpArtifact(spec));
  }
  const listed = await provider.list();
  assert.deepEqual(listed.map((d) => [d.name, d.managed]), [['alpha', true], ['beta', true]]);
  assert.ok(api.requests.some((r) => r.method === 'GET' && r.path === `/v2/${LOCATION}/functions`));

  api.requests.length = 0;
  await provider.recycle(listed[0]);
  const patch = api.requests.find((r) => r.method === 'PATCH')!;
  assert.equal(patch.query.get('updateMask'), 'serviceConfig.environmentVariables');
  assert.match((patch.json as { serviceConfig: { environmentVariables: Record<string, string> } }).serviceConfig.environmentVariables.FAASLAB_RECYCLE, /^\d+$/);

  api.requests.length = 0;
  await provider.remove(listed[0]);
  assert.deepEqual(api.apiCalls(), [`DELETE /v2/${LOCATION}/functions/alpha`, `GET /v2/${LOCATION}/operations/operation-4-delete`]);
  assert.equal(await provider.get('alpha'), undefined);
  await provider.remove(listed[0]);
  assert.deepEqual((await provider.list()).map((d) => d.name), ['beta']);
});

test('readiness: ready with project and region; missing region and refused credentials say what to do', async (t) => {
  const { provider } = await loopback(t);
  assert.deepEqual(await provider.readiness(), { ready: true, detail: 'Google Cloud Functions (2nd gen) in project faaslab-test, us-central1' });

  const { provider: noRegion } = await loopback(t, {}, { region: '' });
  const r = await noRegion.readiness();
  assert.equal(r.ready, false);
  assert.ok(!r.ready && /faasLab\.gcp\.region/.test(r.message) && r.fixes.some((f) => f.kind === 'setting' && f.setting === 'faasLab.gcp.region'), JSON.stringify(r));

  const { OAuth2Client } = await import('google-auth-library');
  const wrong = new OAuth2Client();
  wrong.setCredentials({ access_token: 'revoked', expiry_date: Date.now() + 3_600_000 });
  const { provider: refused } = await loopback(t, {}, { authClient: wrong });
  const denied = await refused.readiness();
  assert.equal(denied.ready, false);
  assert.ok(!denied.ready && /Google rejected the credentials/.test(denied.message), JSON.stringify(denied));
});
