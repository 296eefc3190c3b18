// The Azure provider end to end against the loopback ARM/SCM/function-host server: the real
// @azure/arm-appservice client (bearer token, api-version, LROs polled to Succeeded), One Deploy
// of the packager's zip, the function key on calls, Flex memory changes, list and delete.
import assert from 'node:assert/strict';
import { Agent } from 'node:https';
import { test, type TestContext } from 'node:test';
import { HttpRequest, InvocationContext } from '@azure/functions';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { BadInputError } from '../../../../src/core/bad-input';
import type { FunctionSpec } from '../../../../src/core/model';
import { deployIfChanged } from '../../../../src/core/functions/deploy';
import { buildArtifact, zipArtifact } from '../../../../src/core/packaging';
import { azureHttpHandler } from '../../../../src/core/runtime/node/azure';
import { AzureFunctionsProvider, type AzureFunctionsProviderOptions } from '../../../../src/providers/azure';
import { ArmApi, FUNCTION_KEY, TEST_TOKEN } from '../../../fixtures/azure/arm-api';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';

/** A fixture handler as the bundle would call it. */
async function fixtureHandler(file: string, name: string): Promise<Handler> {
  const mod = (await import(`${HANDLERS_DIR}/${file}`)) as Record<string, Handler>;
  return mod[name];
}
import type { Handler } from '../../../../src/core/runtime/node';
import { HANDLERS_DIR } from '../../../fixtures/handlers/artifacts';

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = 'faaslab-rg';

/** TokenCredential is the SDK's seam for credentials: this one hands out a fixed token and records the scopes asked for. */
class FixedTokenCredential implements TokenCredential {
  readonly scopes: string[][] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push([scopes].flat());
    return { token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

async function loopback(t: TestContext, options: AzureFunctionsProviderOptions = {}) {
  const api = new ArmApi();
  const endpoint = await api.start();
  const credential = new FixedTokenCredential();
  const agent = new Agent({ ca: api.cert, keepAlive: true });
  const provider = new AzureFunctionsProvider({
    subscriptionId: SUB,
    resourceGroup: RG,
    region: 'eastus',
    storageAccount: 'faaslabstore',
    credential,
    endpoint,
    httpsAgent: agent,
    timing: { pollMs: 5, maxWaitMs: 5_000, functionWaitMs: 2_000 },
    ...options,
  });
  t.after(async () => {
    agent.destroy();
    await api.close();
  });
  return { api, provider, credential };
}

function azureArtifact(spec: FunctionSpec) {
  return buildArtifact(spec, { target: 'azure', runtimeDir: RUNTIME_DIR });
}

/** The function host: the trigger handler the bundle registers, with @azure/functions' own request and context types. */
function hostRunner(fn: Parameters<typeof azureHttpHandler>[0], name: string) {
  const handler = azureHttpHandler(fn, name);
  return async (body: string, headers: Record<string, string | string[] | undefined>) => {
    const request = new HttpRequest({ method: 'POST', url: `https://app.azurewebsites.net/api/${name}`, body: { string: body }, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])) });
    const response = await handler(request, new InvocationContext({ functionName: name, invocationId: 'inv-1' }));
    return { status: (response as { status: number }).status, body: String((response as { body: string }).body) };
  };
}

test('deploy: storage container, Flex plan and app as LROs, One Deploy of the zip, key read once the function is indexed', async (t) => {
  const { api, provider, credential } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'hello-node', memoryMB: 1024, timeoutS: 60, env: { GREETING: 'hi' }, platforms: ['azure'] });
  const artifact = await azureArtifact(spec);
  const d = await provider.deploy(spec, artifact);

  const app = [...api.sites.values()][0].name as string;
  assert.match(app, /^hello-node-[0-9a-f]{8}$/);
  const site = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/sites/${app}`;
  const storage = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/faaslabstore`;
  const calls = api.armCalls().filter((c) => !c.includes('/operationResults/'));
  assert.deepEqual(calls, [
    `GET ${site}`,
    `POST ${storage}/listKeys`,
    `PUT ${storage}/blobServices/default/containers/app-package-${app}`,
    `PUT /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/serverfarms/${app}-plan`,
    `GET /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/serverfarms/${app}-plan`,
    // The other FaaS Lab functions of the group, for context.invoke (none yet).
    `GET /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/sites`,
    `PUT ${site}`,
    `GET ${site}`,
    `PATCH ${site}/providers/Microsoft.Resources/tags/default`,
    `GET ${site}`,
    `POST ${site}/functions/hello-node/listkeys`,
  ]);
  assert.ok(api.armCalls().filter((c) => c.includes('/operationResults/')).length >= 4, 'both LROs polled to Succeeded');
  for (const r of api.requests.filter((x) => x.path.startsWith('/subscriptions/'))) {
    assert.equal(r.headers.authorization, `Bearer ${TEST_TOKEN}`);
    assert.ok(r.query.get('api-version'), `${r.method} ${r.path} has an api-version`);
  }
  assert.ok(credential.scopes.every((s) => s[0] === 'https://management.azure.com/.default'));

  const plan = api.requests.find((r) => r.method === 'PUT' && r.path.includes('/serverfarms/'))!.json!;
  assert.deepEqual({ kind: plan.kind, location: plan.location, sku: plan.sku, reserved: (plan.properties as { reserved: boolean }).reserved }, { kind: 'functionapp', location: 'eastus', sku: { name: 'FC1', tier: 'FlexConsumption' }, reserved: true });

  const put = api.requests.find((r) => r.method === 'PUT' && r.path === site)!.json! as { kind: string; tags: Record<string, string>; properties: Record<string, unknown> };
  assert.equal(put.kind, 'functionapp,linux');
  assert.deepEqual(put.properties.functionAppConfig, {
    deployment: { storage: { type: 'blobContainer', value: `https://faaslabstore.blob.core.windows.net/app-package-${app}`, authentication: { type: 'StorageAccountConnectionString', storageAccountConnectionStringName: 'DEPLOYMENT_STORAGE_CONNECTION_STRING' } } },
    runtime: { name: 'node', version: '20' },
    scaleAndConcurrency: { instanceMemoryMB: 2048, maximumInstanceCount: 100 },
  });
  const settings = Object.fromEntries(((put.properties.siteConfig as { appSettings: { name: string; value: string }[] }).appSettings).map((s) => [s.name, s.value]));
  assert.equal(settings.GREETING, 'hi');
  assert.equal(settings.AzureFunctionsJobHost__functionTimeout, '00:01:00');
  assert.equal(settings.FAASLAB_MEMORY_MB, '2048');
  assert.equal(settings.FAASLAB_FUNCTIONS, '{}');
  assert.match(settings.AzureWebJobsStorage, /AccountName=faaslabstore;AccountKey=c2VjcmV0LWtleQ==/);
  assert.equal(put.tags['faaslab-managed'], 'true');
  assert.equal(put.tags['faaslab-function'], 'hello-node');

  const publish = api.requests.find((r) => r.path === '/api/publish')!;
  assert.equal(publish.method, 'POST');
  assert.equal(publish.query.get('RemoteBuild'), 'false');
  assert.equal(publish.headers.authorization, `Bearer ${TEST_TOKEN}`);
  assert.equal(publish.headers['content-type'], 'application/zip');
  assert.deepEqual(publish.body, await zipArtifact(artifact));
  assert.ok(api.requests.filter((r) => r.path === '/api/deployments/latest').length >= 2, 'deployment status polled until Success');

  assert.equal(d.platform, 'azure');
  assert.equal(d.name, 'hello-node');
  assert.equal(d.runtime, 'node 20');
  assert.equal(d.memoryMB, 2048, '1024 MB rounds up to the 2048 MB Flex instance');
  assert.equal(d.timeoutS, 60);
  assert.equal(d.codeHash, artifact.codeHash);
  assert.equal(d.endpoint, `https://${api.host}/api/hello-node`);
  assert.deepEqual(d.env, { GREETING: 'hi' });
  assert.equal(d.handler, 'hello');
  assert.equal(d.sourceFile, spec.file);

  // Unchanged code: the app is updated in place, nothing is published again.
  const publishes = api.requests.filter((r) => r.path === '/api/publish').length;
  await provider.deploy(spec, artifact);
  assert.equal(api.requests.filter((r) => r.path === '/api/publish').length, publishes);
  assert.deepEqual(await provider.get('hello-node'), { ...d, updatedAt: (await provider.get('hello-node'))!.updatedAt });
});

test('invoke: function key header, shim metrics; throttling, timeouts and host failures become records', async (t) => {
  const { api, provider } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'hello-node', platforms: ['azure'] });
  const d = await provider.deploy(spec, await azureArtifact(spec));
  api.runners.set('hello-node', hostRunner(await fixtureHandler('hello.js', 'hello'), 'hello-node'));
  const inv = await provider.invoke(d, { name: 'Ada' });
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.equal((inv.result as { message: string }).message, 'Hello, Ada!');
  assert.equal((inv.result as { requestId: string }).requestId, 'inv-1', 'the host’s invocation id is the request id');
  assert.equal(inv.metrics.lang, 'node');
  assert.equal(typeof inv.metrics.runtime, 'number');
  const call = api.requests.find((r) => r.path === '/api/hello-node')!;
  assert.equal(call.method, 'POST');
  assert.equal(call.headers['x-functions-key'], FUNCTION_KEY);
  assert.equal(call.headers['x-faaslab-metrics'], '1');
  assert.equal(call.body.toString(), '{"name":"Ada"}');

  api.runners.set('hello-node', hostRunner(await fixtureHandler('throws.js', 'throws'), 'hello-node'));
  const failed = await provider.invoke(d, { x: 1 });
  assert.equal(failed.status, 'error');
  assert.equal(failed.error!.type, 'ValidationError');

  api.scriptedCalls.push({ status: 429, body: '' }, { status: 504, body: '' }, { status: 503, body: 'Function host is not running.' });
  assert.equal((await provider.invoke(d, {})).status, 'throttled');
  assert.equal((await provider.invoke(d, {})).status, 'timeout');
  const down = await provider.invoke(d, {});
  assert.equal(down.status, 'error');
  assert.match(down.error!.message, /HTTP 503: Function host is not running/);
});

test('a payload over the Functions host’s 100 MB request limit is refused before anything is sent', async (t) => {
  const { api, provider } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'hello-node', platforms: ['azure'] });
  const d = await provider.deploy(spec, await azureArtifact(spec));
  const before = api.requests.length;
  await assert.rejects(
    provider.invoke(d, 'x'.repeat(100 * 1024 * 1024)),
    (err: unknown) => err instanceof BadInputError && /100\.0 MB \(104857602 bytes\) of JSON, over the 100 MB \(104857600 bytes\) limit of a request on Azure Functions/.test(err.message),
  );
  assert.equal(api.requests.length, before, 'nothing was sent');
});

test('configure: Flex instance memory through a site PATCH (rounded to 512/2048/4096), timeout as an app setting; refused beyond 4096', async (t) => {
  const { api, provider } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'sweep', memoryMB: 512, platforms: ['azure'] });
  const d = await provider.deploy(spec, await azureArtifact(spec));
  assert.equal(d.memoryMB, 512);
  api.requests.length = 0;
  const bigger = await provider.configure(d, { memoryMB: 3000, timeoutS: 120 });
  assert.equal(bigger.memoryMB, 4096);
  assert.equal(bigger.timeoutS, 120);
  const patch = api.requests.find((r) => r.method === 'PATCH' && r.path.endsWith(`/sites/${[...api.sites.values()][0].name}`))!;
  assert.equal(patch.query.get('api-version'), '2024-04-01');
  assert.deepEqual((patch.json!.properties as { functionAppConfig: { scaleAndConcurrency: unknown } }).functionAppConfig.scaleAndConcurrency, { instanceMemoryMB: 4096, maximumInstanceCount: 100 });
  const settings = api.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/config/appsettings'))!.json!.properties as Record<string, string>;
  assert.equal(settings.AzureFunctionsJobHost__functionTimeout, '00:02:00');
  assert.equal(settings.FAASLAB_MEMORY_MB, '4096');
  await assert.rejects(provider.configure(bigger, { memoryMB: 8192 }), /512, 2048, 4096 MB: 8192 MB is not possible/);

  // An app on another plan (memory fixed by its SKU): a clear refusal.
  const site = [...api.sites.values()][0];
  delete (site.properties as Record<string, unknown>).functionAppConfig;
  (site.properties as Record<string, unknown>).sku = 'Dynamic';
  await assert.rejects(provider.configure(bigger, { memoryMB: 2048 }), /runs on a Dynamic plan, where memory comes with the plan's size and cannot be set per function/);
});

test('a storage account that does not exist is created (and waited for) on the first deploy; a taken or invalid name says what to do', async (t) => {
  const { api, provider } = await loopback(t);
  api.missingStorageAccounts.add('faaslabstore');
  api.asyncPolls = 2;
  const spec = fixtureSpec('hello.js', 'hello', { name: 'with-new-store', platforms: ['azure'] });
  const d = await provider.deploy(spec, await azureArtifact(spec));
  assert.equal(d.name, 'with-new-store');
  const account = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/faaslabstore`;
  const calls = api.armCalls();
  const put = calls.indexOf(`PUT ${account}`);
  assert.ok(put > 0 && calls[put - 1] === `POST ${account}/listKeys`, calls.join('\n'));
  assert.deepEqual(calls.slice(put + 1, put + 5), [`GET ${account}`, `GET ${account}`, `GET ${account}`, `POST ${account}/listKeys`], 'polled until Succeeded, then the keys');
  const created = api.requests.find((r) => r.method === 'PUT' && r.path === account)!;
  assert.equal(created.query.get('api-version'), '2023-05-01');
  assert.deepEqual(created.json, {
    location: 'eastus',
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS' },
    tags: { 'faaslab-managed': 'true' },
    properties: { minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, supportsHttpsTrafficOnly: true },
  });

  const { api: other, provider: taken } = await loopback(t, { storageAccount: 'takenname' });
  other.missingStorageAccounts.add('takenname');
  other.takenStorageAccounts.add('takenname');
  await assert.rejects(taken.deploy(spec, await azureArtifact(spec)), /The storage account name 'takenname' is taken by another Azure customer \(names are global\): choose another faasLab\.azure\.storageAccount/);
  const { api: third, provider: invalid } = await loopback(t, { storageAccount: 'Not_Valid' });
  third.missingStorageAccounts.add('Not_Valid');
  await assert.rejects(invalid.deploy(spec, await azureArtifact(spec)), /'Not_Valid' does not exist and cannot be created: storage account names are 3 to 24 lower-case letters and digits/);
  assert.ok(!third.requests.some((r) => r.method === 'PUT' && r.path.endsWith('/storageAccounts/Not_Valid')));
});

test('deploying again with a size Flex rounds up (1000 MB runs as 2048 MB) changes nothing', async (t) => {
  const { api, provider } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'rounded', memoryMB: 1000, platforms: ['azure'] });
  const first = await deployIfChanged(spec, provider, { runtimeDir: RUNTIME_DIR });
  assert.equal(first.deployment.memoryMB, 2048);
  api.requests.length = 0;
  const again = await deployIfChanged(spec, provider, { runtimeDir: RUNTIME_DIR });
  assert.equal(again.action, 'unchanged');
  assert.equal(api.requests.filter((r) => r.method === 'PATCH' || r.method === 'PUT').length, 0, 'no update for a size it already has');
});

test('list, recycle, remove, a failed deployment, and readiness', async (t) => {
  const { api, provider } = await loopback(t);
  const spec = fixtureSpec('hello.js', 'hello', { name: 'alpha', platforms: ['azure'] });
  const d = await provider.deploy(spec, await azureArtifact(spec));
  assert.deepEqual((await provider.list()).map((x) => [x.name, x.managed]), [['alpha', true]]);
  await provider.recycle(d);
  assert.ok(api.armCalls().some((c) => c.endsWith('/restart')));
  await provider.remove(d);
  const del = api.requests.find((r) => r.method === 'DELETE')!;
  assert.equal(del.query.get('deleteEmptyServerFarm'), 'true');
  assert.equal(await provider.get('alpha'), undefined);
  await provider.remove(d);

  api.deploymentError = 'Oryx build failed: requirements could not be installed';
  const py = fixtureSpec('hello.py', 'hello', { name: 'py', platforms: ['azure'] });
  await assert.rejects(provider.deploy(py, await azureArtifact(py)), /Azure could not deploy py: Oryx build failed/);
  assert.equal(api.requests.filter((r) => r.path === '/api/publish').at(-1)!.query.get('RemoteBuild'), 'true', 'Python builds remotely');

  assert.deepEqual(await provider.readiness(), { ready: true, detail: 'Azure Functions (Flex Consumption) in eastus, resource group faaslab-rg' });
  const { provider: unset } = await loopback(t, { storageAccount: '', region: '' });
  const r = await unset.readiness();
  assert.equal(r.ready, false);
  assert.ok(!r.ready && /faasLab\.azure\.region.*faasLab\.azure\.storageAccount/.test(r.message) && r.fixes.length === 2, JSON.stringify(r));
  await assert.rejects(unset.list(), /not set up/);
});

test('deploy gives the function the URLs and keys of the other FaaS Lab functions, and adds it to theirs (FAASLAB_FUNCTIONS, for context.invoke)', async (t) => {
  const { api, provider } = await loopback(t);
  const calleeSpec = fixtureSpec('hello.js', 'hello', { name: 'callee-first', platforms: ['azure'] });
  const first = await provider.deploy(calleeSpec, await azureArtifact(calleeSpec));
  const spec = fixtureSpec('caller.js', 'caller', { name: 'caller-second', platforms: ['azure'] });
  api.requests.length = 0;
  const second = await provider.deploy(spec, await azureArtifact(spec));
  const put = api.requests.find((r) => r.method === 'PUT' && /\/sites\/caller-second-[0-9a-f]{8}$/.test(r.path))!.json! as { properties: { siteConfig: { appSettings: { name: string; value: string }[] } } };
  const settings = Object.fromEntries(put.properties.siteConfig.appSettings.map((s) => [s.name, s.value]));
  assert.deepEqual(JSON.parse(settings.FAASLAB_FUNCTIONS), { 'callee-first': { url: first.endpoint, key: FUNCTION_KEY } });
  assert.equal(second.env?.FAASLAB_FUNCTIONS, undefined, 'FaaS Lab’s own setting, not the user’s env');
  // The function deployed before learns about the new one, keeping its other settings.
  const updates = api.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/config/appsettings'));
  assert.equal(updates.length, 1);
  assert.match(updates[0].path, /\/sites\/callee-first-[0-9a-f]{8}\/config\/appsettings$/);
  const firstSettings = (updates[0].json as { properties: Record<string, string> }).properties;
  assert.deepEqual(JSON.parse(firstSettings.FAASLAB_FUNCTIONS), { 'caller-second': { url: second.endpoint, key: FUNCTION_KEY } });
  assert.equal(firstSettings.FAASLAB_FUNCTION_NAME, 'callee-first');

  // Deploying new code of the caller again changes nobody else's settings: they already know it.
  api.requests.length = 0;
  await provider.deploy({ ...spec, env: { CHANGED: '1' } }, await azureArtifact({ ...spec, env: { CHANGED: '1' } }));
  assert.equal(api.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/config/appsettings')).length, 0);
});
