// The OpenFaaS provider against a loopback gateway that checks the documented API and runs the
// pushed images on the real Docker engine, with a real registry in between.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { buildArtifact } from '../../../../src/core/packaging';
import type { FunctionSpec } from '../../../../src/core/model';
import { OpenFaasProvider } from '../../../../src/providers/openfaas';
import type { FunctionDeploymentBody } from '../../../../src/providers/openfaas/gateway';
import { serviceName } from '../../../../src/providers/openfaas/records';
import { DEFAULT_NODE_IMAGE } from '../../../../src/providers/shared/docker-engine/function-image';
import { followStream } from '../../../../src/providers/shared/docker-engine/images';
import { tarArchive } from '../../../../src/providers/shared/docker-engine/tar';
import { freePort } from '../../../../src/providers/shared/ports';
import { fixtureSpec, RUNTIME_DIR } from '../../../fixtures/handlers/artifacts';
import type { LoopbackGateway } from '../../../fixtures/openfaas/gateway';
import type { LocalRegistry } from '../../../fixtures/openfaas/registry';
import { GATEWAY_PASSWORD as PASSWORD, startTestbed, type OpenFaasTestbed } from '../../../fixtures/openfaas/testbed';

let skip: string | undefined;
let testbed: OpenFaasTestbed | undefined;
let gateway: LoopbackGateway;
let registry: LocalRegistry;

before(async () => {
  const started = await startTestbed();
  if ('skip' in started) return void (skip = started.skip);
  testbed = started;
  ({ gateway, registry } = started);
});

after(() => testbed?.stop());

const loginEnv = (password: string) => testbed!.loginEnv(password);

function provider(env: NodeJS.ProcessEnv, options: { gateway?: string; registry?: string } = {}): OpenFaasProvider {
  return new OpenFaasProvider({ gateway: options.gateway ?? gateway.url, registry: options.registry ?? registry.host, env, readyTimeoutMs: 60_000 });
}

function spec(file: string, handler: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return fixtureSpec(file, handler, { name: `of_${handler}_${process.pid}`, platforms: ['openfaas'], memoryMB: 256, timeoutS: 20, ...overrides });
}

test('deploy, invoke cold then warm, change memory, list, logs and remove through the gateway', async (t) => {
  if (skip) return t.skip(skip);
  const p = provider(loginEnv(PASSWORD));
  const s = spec('hello.js', 'greet', { file: path.join(__dirname, '../../../fixtures/openfaas/greeter.js') });
  const service = serviceName(s.name);
  const artifact = await buildArtifact(s, { target: 'openfaas', runtimeDir: RUNTIME_DIR });
  const steps: string[] = [];
  const deployed = await p.deploy(s, artifact, undefined, (m) => steps.push(m));
  t.after(async () => {
    await p.remove(deployed).catch(() => undefined);
  });
  assert.deepEqual(gateway.problems, []);
  assert.match(service, /^of-greet-\d+-[0-9a-f]{8}$/);
  assert.equal(deployed.endpoint, `${gateway.url}/function/${service}`);
  assert.deepEqual(steps.map((m) => m.split(' ')[0]), ['building', 'pushing', 'creating']);

  // The image went to the registry under its content tag, and the gateway got the documented body.
  const post = gateway.calls.find((c) => c.method === 'POST' && c.path === '/system/functions')!;
  const body = post.body as FunctionDeploymentBody & { envVars: Record<string, string> };
  assert.equal(post.authorization, `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`);
  const [repository, tag] = body.image.slice(registry.host.length + 1).split(':');
  assert.equal(repository, `faaslab-fn/${service}`);
  assert.deepEqual(await registry.tags(repository), [tag]);
  assert.equal(body.service, service);
  assert.deepEqual(body.limits, { memory: '256Mi' });
  assert.deepEqual(body.requests, { memory: '256Mi' });
  assert.deepEqual(
    { exec: body.envVars.exec_timeout, read: body.envVars.read_timeout, write: body.envVars.write_timeout, mb: body.envVars.FAASLAB_MEMORY_MB },
    { exec: '20s', read: '20s', write: '20s', mb: '256' },
  );
  assert.deepEqual(body.labels, { 'faaslab.managed': 'true' });
  assert.equal(body.annotations?.['faaslab.function'], s.name);
  assert.equal(body.annotations?.['faaslab.codeHash'], artifact.codeHash);

  const cold = await p.invoke(deployed, { name: 'OpenFaaS' });
  assert.equal(cold.status, 'ok', JSON.stringify(cold.error));
  assert.deepEqual(cold.result, { message: 'Hello, OpenFaaS!', memoryMB: 256 });
  assert.equal(cold.cold, true);
  assert.equal(cold.metrics.newcontainer, 1);
  assert.equal(cold.metrics.lang, 'node');
  assert.equal(cold.metrics.functionMemory, 256);
  assert.ok(typeof cold.metrics.runtime === 'number' && cold.metrics.runtime >= 0);
  const warm = await p.invoke(deployed, { name: 'again' });
  assert.equal(warm.cold, false);
  assert.equal(warm.metrics.uuid, cold.metrics.uuid);
  const invokes = gateway.calls.filter((c) => c.path === `/function/${service}`);
  assert.equal(invokes.length, 2);
  assert.equal(invokes[0].authorization, undefined, 'no gateway credentials go to the function');

  // Unchanged code and settings: nothing is built, pushed or sent again.
  const before = gateway.calls.length;
  const again = await p.deploy(s, artifact);
  assert.equal(again.codeHash, artifact.codeHash);
  assert.deepEqual(gateway.calls.slice(before).map((c) => `${c.method} ${c.path}`), [`GET /system/function/${service}`]);

  // A memory change is a PUT with the new limits, and new replicas: the next call is cold.
  const oldContainer = gateway.containerOf(service);
  const bigger = await p.configure(deployed, { memoryMB: 512 });
  assert.equal(bigger.memoryMB, 512);
  const put = gateway.calls.filter((c) => c.method === 'PUT' && c.path === '/system/functions').at(-1)!;
  assert.deepEqual((put.body as FunctionDeploymentBody).limits, { memory: '512Mi' });
  assert.equal((put.body as FunctionDeploymentBody).image, body.image);
  assert.notEqual(gateway.containerOf(service), oldContainer);
  const inspected = await testbed!.docker.getContainer(gateway.containerOf(service)!).inspect();
  assert.equal(inspected.HostConfig.Memory, 512 * 1024 * 1024);
  const afterResize = await p.invoke(bigger, { name: 'bigger' });
  assert.equal(afterResize.cold, true);
  assert.equal(afterResize.metrics.functionMemory, 512);

  const listed = await p.list();
  const mine = listed.find((d) => d.name === s.name)!;
  assert.deepEqual(
    { memoryMB: mine.memoryMB, timeoutS: mine.timeoutS, codeHash: mine.codeHash, managed: mine.managed, handler: mine.handler, language: mine.language },
    { memoryMB: 512, timeoutS: 20, codeHash: artifact.codeHash, managed: true, handler: 'greet', language: 'node' },
  );
  assert.deepEqual(await p.get(s.name), mine);

  // Recycle scales to zero and back: fresh replica, cold call.
  await p.recycle(bigger);
  assert.ok(gateway.calls.some((c) => c.path === `/system/scale-function/${service}` && (c.body as { replicas: number }).replicas === 0));
  assert.equal((await p.invoke(bigger, { name: 'fresh' })).cold, true);

  // The replica's output, as the gateway's /system/logs gives it.
  const logs = await p.logs(bigger, { limit: 50 });
  assert.ok(gateway.calls.some((c) => c.path === `/system/logs?name=${service}&tail=50&follow=false`));
  assert.deepEqual(logs.map((l) => l.message), ['greeting fresh']);
  assert.ok(Math.abs(Date.parse(logs[0].time) - Date.now()) < 60_000, logs[0].time);

  await p.remove(bigger);
  const del = gateway.calls.find((c) => c.method === 'DELETE')!;
  assert.deepEqual(del.body, { functionName: service });
  assert.equal(await p.get(s.name), undefined);
  assert.deepEqual(await testbed!.docker.listImages({ filters: { label: [`faaslab.openfaas.function=${s.name}`] } }), []);
  assert.deepEqual(gateway.problems, []);
});

test('a Python handler deploys and answers with its metrics', async (t) => {
  if (skip) return t.skip(skip);
  const p = provider(loginEnv(PASSWORD));
  const s = spec('hello.py', 'hello', { name: `of-py-${process.pid}` });
  const deployed = await p.deploy(s, await buildArtifact(s, { target: 'openfaas', runtimeDir: RUNTIME_DIR }));
  t.after(() => p.remove(deployed));
  const inv = await p.invoke(deployed, { name: 'py' });
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.deepEqual([(inv.result as { message: string }).message, inv.metrics.lang, inv.cold], ['Hello, py!', 'python', true]);
  assert.deepEqual(gateway.problems, []);
});

test('a wrong password: readiness and deploy say the gateway refused it and how to log in', async (t) => {
  if (skip) return t.skip(skip);
  const p = provider(loginEnv('wrong'));
  const readiness = await p.readiness();
  assert.equal(readiness.ready, false);
  assert.ok(!readiness.ready && /refused the credentials of admin from .*config\.yml \(HTTP 401\): log in with faas-cli login --gateway http:\/\/127\.0\.0\.1:\d+ --username admin --password-stdin/.test(readiness.message), JSON.stringify(readiness));
  const s = spec('hello.js', 'hello', { name: `of-refused-${process.pid}` });
  await assert.rejects(p.deploy(s, await buildArtifact(s, { target: 'openfaas', runtimeDir: RUNTIME_DIR })), /refused the credentials/);
  // OPENFAAS_PASSWORD wins over the login file.
  const fromEnv = provider({ ...loginEnv('wrong'), OPENFAAS_PASSWORD: PASSWORD });
  assert.equal((await fromEnv.readiness()).ready, true);
});

test('no gateway: readiness says none answered and what to set; no registry: says to set one', async (t) => {
  if (skip) return t.skip(skip);
  const down = `http://127.0.0.1:${await freePort()}`;
  const readiness = await provider(loginEnv(PASSWORD), { gateway: down }).readiness();
  assert.deepEqual(readiness.ready, false);
  assert.ok(!readiness.ready);
  assert.match(readiness.message, new RegExp(`No OpenFaaS gateway answered at ${down} \\(ECONNREFUSED\\): start OpenFaaS .* or set faasLab.openfaas.gateway \\(or OPENFAAS_URL\\)`));
  assert.deepEqual(readiness.fixes.map((f) => f.kind === 'setting' && f.setting), ['faasLab.openfaas.gateway']);
  const noRegistry = await new OpenFaasProvider({ gateway: gateway.url, env: loginEnv(PASSWORD) }).readiness();
  assert.ok(!noRegistry.ready && /set faasLab.openfaas.registry/.test(noRegistry.message));
  assert.ok((await provider(loginEnv(PASSWORD)).readiness()).ready);
});

test('a function deployed with faas-cli is listed as not FaaS Lab\'s, invoked with its SAAF metrics, and not overwritten', async (t) => {
  if (skip) return t.skip(skip);
  const { docker } = testbed!;
  // A SAAF-style function as a faas-cli template builds it: its own HTTP server on 8080, SAAF's field names.
  const server = [
    "const http = require('node:http');",
    'let calls = 0;',
    "http.createServer((req, res) => { if (req.url === '/_/health') return res.end('ok');",
    "  res.setHeader('content-type', 'application/json');",
    "  res.end(JSON.stringify({ message: 'saaf', uuid: 'c0ffee', newcontainer: calls++ === 0 ? 1 : 0, runtime: 7, cpuUsrDelta: '40', cpuKrnDelta: 3, lang: 'node' }));",
    "}).listen(Number(process.env.PORT || 8080), process.env.FAASLAB_HTTP_HOST || '0.0.0.0');",
  ].join('\n');
  const image = `${registry.host}/saaf-${process.pid}:1`;
  const context = tarArchive([
    { path: 'server.js', data: Buffer.from(server) },
    { path: 'Dockerfile', data: Buffer.from(`FROM ${DEFAULT_NODE_IMAGE}\nCOPY server.js /server.js\nCMD ["node", "/server.js"]\n`) },
  ]);
  assert.equal(await followStream(docker, await docker.buildImage(Readable.from([context]), { t: image })), undefined);
  assert.equal(await followStream(docker, await docker.getImage(image).push({ authconfig: { serveraddress: registry.host } })), undefined);
  t.after(() => docker.getImage(image).remove({ force: true }).catch(() => undefined));
  const service = `saaf-${process.pid}`;
  const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
  const deployed = await fetch(`${gateway.url}/system/functions`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ service, image, limits: { memory: '300Mi' } }) });
  assert.equal(deployed.status, 202);

  const p = provider(loginEnv(PASSWORD));
  const found = (await p.list()).find((d) => d.name === service);
  assert.deepEqual(
    { managed: found?.managed, memoryMB: found?.memoryMB, runtime: found?.runtime, endpoint: found?.endpoint },
    { managed: false, memoryMB: 300, runtime: `image ${image}`, endpoint: `${gateway.url}/function/${service}` },
  );
  const inv = await p.invoke(found!, { x: 1 });
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.deepEqual(
    { uuid: inv.metrics.uuid, newcontainer: inv.metrics.newcontainer, runtime: inv.metrics.runtime, user: inv.metrics.cpuUserDelta, kernel: inv.metrics.cpuKernelDelta, cold: inv.cold },
    { uuid: 'c0ffee', newcontainer: 1, runtime: 7, user: 40, kernel: 3, cold: true },
  );
  await assert.rejects(p.configure(found!, { memoryMB: 512 }), new RegExp(`${service} on OpenFaaS was not deployed by FaaS Lab: it cannot change its memory or timeout`));
  const same = spec('hello.js', 'hello', { name: service });
  await assert.rejects(p.deploy(same, await buildArtifact(same, { target: 'openfaas', runtimeDir: RUNTIME_DIR })), /already has a function .* that FaaS Lab did not deploy/);
  await p.remove(found!);
  assert.equal((await p.list()).some((d) => d.name === service), false);
  assert.deepEqual(gateway.problems, []);
});

test('the loopback gateway holds requests to the documented API: unknown fields, bad names and no auth are caught', async (t) => {
  if (skip) return t.skip(skip);
  const auth = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
  const before = gateway.problems.length;
  const send = (method: string, path: string, body: unknown, authorization = auth) =>
    fetch(`${gateway.url}${path}`, { method, headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
  assert.equal(await send('GET', '/system/functions', undefined, 'Basic eDp5'), 401);
  assert.equal(await send('POST', '/system/functions', { service: 'Bad_Name', image: 'x', memory: '128Mi', limits: { memory: 128 } }), 400);
  assert.equal(await send('DELETE', '/system/functions', { name: 'x' }), 400);
  assert.deepEqual(gateway.problems.slice(before), [
    'POST /system/functions: fields not in FunctionDeployment: memory',
    'POST /system/functions: service Bad_Name is not a DNS-1123 label',
    'POST /system/functions: limits is not FunctionResources {memory, cpu} of strings',
    'DELETE /system/functions: body {"name":"x"} is not a DeleteFunctionRequest',
  ]);
  gateway.problems.splice(before);
});

test('a gateway that never answers: readiness gives up after 5 s and says so', async (t) => {
  if (skip) return t.skip(skip);
  // Accepts connections and never answers, like an address that drops packets after the handshake.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  const started = Date.now();
  const readiness = await provider(loginEnv(PASSWORD), { gateway: url }).readiness();
  assert.ok(Date.now() - started < 8_000);
  assert.ok(!readiness.ready && readiness.message.startsWith(`No OpenFaaS gateway answered at ${url} (no answer within 5 s): start OpenFaaS`), JSON.stringify(readiness));
});

test('a call that overruns its timeout is a timeout record, and the stuck replica is replaced for the next call', async (t) => {
  if (skip) return t.skip(skip);
  const p = provider(loginEnv(PASSWORD));
  const s = spec('hang.js', 'hang', { name: `of-hang-${process.pid}`, timeoutS: 1 });
  const deployed = await p.deploy(s, await buildArtifact(s, { target: 'openfaas', runtimeDir: RUNTIME_DIR }));
  t.after(() => p.remove(deployed));
  const stuck = gateway.containerOf(serviceName(s.name));
  const started = Date.now();
  const inv = await p.invoke(deployed, {});
  assert.equal(inv.status, 'timeout');
  assert.ok(Date.now() - started >= 11_000 && inv.roundTripMs >= 11_000, String(inv.roundTripMs));
  assert.match(inv.error!.message, new RegExp(`^${s.name} did not answer within 11 s \\(its timeout is 1 s, .*\\); FaaS Lab replaced its replica \\(scaled it to zero and back\\)\\. If the work needs longer, raise timeout=`));
  assert.notEqual(gateway.containerOf(serviceName(s.name)), stuck);
  assert.deepEqual(gateway.problems, []);
});
