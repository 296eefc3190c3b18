// The http target against a real local HTTP server: SAAF-style JSON answers give their metrics,
// plain answers are timed, failures and 429s are recorded as such, and nothing is deployed.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HttpEndpointProvider } from '../../../../src/providers/http';
import { LinkStore } from '../../../../src/providers/shared/links';
import { renderBody } from '../../../../src/core/http-request';

const received: { method?: string; type?: string; body: string; url?: string; headers?: Record<string, string | string[] | undefined> }[] = [];
let base = '';
const server = createServer(async (req, res) => {
  const body = await readBody(req);
  if (req.url?.startsWith('/echo')) {
    received.push({ method: req.method, type: req.headers['content-type'], body, url: req.url, headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ method: req.method, runtime: 3, uuid: 'e1' }));
    return;
  }
  received.push({ method: req.method, type: req.headers['content-type'], body });
  if (req.url === '/function/hello') {
    const { name } = JSON.parse(body) as { name: string };
    // The shape SAAF's Node.js Inspector answers with: strings for /proc/stat values, cpuModel a number.
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ version: 0.2, lang: 'node.js', uuid: 'c0ffee', newcontainer: 1, cpuType: 'Intel(R) Xeon(R)', cpuModel: 63, vmuptime: 1551727835, cpuUsrDelta: '904', cpuKrnDelta: '585', vmcpustealDelta: '2', runtime: 12, message: `Hello ${name}!` }));
  } else if (req.url === '/python') {
    res.end(JSON.stringify({ version: 0.6, lang: 'python', cpuUserDelta: 7, cpuKernelDelta: 3, cpuIOWaitDelta: 1, userRuntime: 4, runtime: 9, newcontainer: 0 }));
  } else if (req.url === '/plain') {
    res.end('just text');
  } else if (req.url === '/busy') {
    res.statusCode = 429;
    res.end('slow down');
  } else {
    res.statusCode = 500;
    res.end('boom');
  }
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => resolve(text));
  });
}

test('a SAAF JSON answer: POSTed JSON payload, metrics under FaaS Lab names, the whole answer as the result', async () => {
  const provider = new HttpEndpointProvider();
  provider.addEndpoint('hello', `${base}/function/hello`);
  const dep = (await provider.get('hello'))!;
  assert.equal(dep.endpoint, `${base}/function/hello`);
  const inv = await provider.invoke(dep, { name: 'Bob' });
  assert.equal(inv.status, 'ok');
  assert.deepEqual(received.at(-1), { method: 'POST', type: 'application/json', body: '{"name":"Bob"}' });
  assert.equal((inv.result as { message: string }).message, 'Hello Bob!');
  assert.deepEqual(inv.metrics, {
    vmuptime: 1551727835,
    runtime: 12,
    cpuUserDelta: 904,
    cpuKernelDelta: 585,
    cpuStealDelta: 2,
    uuid: 'c0ffee',
    cpuType: 'Intel(R) Xeon(R)',
    cpuModel: '63',
    lang: 'node.js',
    version: '0.2',
    newcontainer: 1,
  });
  assert.ok(inv.roundTripMs > 0 && inv.clientEnd >= inv.clientStart);
});

test('SAAF Python (FaaSET) names are read too', async () => {
  const provider = new HttpEndpointProvider();
  const inv = await provider.invoke(provider.addEndpoint('py', `${base}/python`), {});
  assert.equal(inv.metrics.cpuUserDelta, 7);
  assert.equal(inv.metrics.cpuKernelDelta, 3);
  assert.equal(inv.metrics.cpuIOWaitDelta, 1);
  assert.equal(inv.metrics.newcontainer, 0);
  assert.equal((inv.result as { userRuntime: number }).userRuntime, 4);
});

test('a plain answer is timed by its round trip and kept as text; 429 is throttled, 500 an error quoting the body', async () => {
  const provider = new HttpEndpointProvider();
  const plain = await provider.invoke(provider.addEndpoint('plain', `${base}/plain`), { a: 1 });
  assert.equal(plain.status, 'ok');
  assert.equal(plain.result, 'just text');
  assert.deepEqual(plain.metrics, {});
  assert.ok(plain.roundTripMs > 0);
  const busy = await provider.invoke(provider.addEndpoint('busy', `${base}/busy`), {});
  assert.equal(busy.status, 'throttled');
  assert.match(busy.error!.message, /^HTTP 429 .*slow down/);
  const failed = await provider.invoke(provider.addEndpoint('bad', `${base}/nope`), {});
  assert.equal(failed.status, 'error');
  assert.equal(failed.error!.type, 'HttpError');
  assert.match(failed.error!.message, /^HTTP 500 Internal Server Error: boom$/);
});

test('an endpoint that is down says to check it; deploy, configure and remove say FaaS Lab does not own it', async () => {
  const provider = new HttpEndpointProvider();
  const down = provider.addEndpoint('down', 'http://127.0.0.1:9/function/none');
  await assert.rejects(provider.invoke(down, {}), /Calling http:\/\/127\.0\.0\.1:9\/function\/none failed .*check that the endpoint is up/);
  await assert.rejects(provider.deploy(), /calls an endpoint FaaS Lab does not own, so it cannot deploy to it/);
  await assert.rejects(provider.configure(down), /cannot change its memory or timeout/);
  await assert.rejects(provider.remove(down), /remove the function where it is deployed; `faas-lab unlink down` forgets a linked endpoint/);
  assert.deepEqual((await provider.list()).map((d) => d.name), ['down']);
  assert.equal(await provider.get('other'), undefined);
});

test('method, headers and a body template: the exact request the endpoint receives', async () => {
  const provider = new HttpEndpointProvider();
  const put = provider.addEndpoint('put', `${base}/echo/put`, {
    method: 'PUT',
    headers: { Authorization: 'Bearer t0k', 'X-Trace': 'abc' },
    bodyTemplate: '{"who": "{{payload.user.name}}", "n": {{payload.n}}, "all": {{ payload }}}',
  });
  const inv = await provider.invoke(put, { user: { name: 'A "quoted" name' }, n: 3 });
  assert.equal(inv.status, 'ok', inv.error?.message);
  const got = received.at(-1)!;
  assert.equal(got.method, 'PUT');
  assert.equal(got.headers!.authorization, 'Bearer t0k');
  assert.equal(got.headers!['x-trace'], 'abc');
  assert.equal(got.type, 'application/json');
  // A string is JSON-escaped inside the JSON body, so the body stays valid JSON.
  assert.deepEqual(JSON.parse(got.body), { who: 'A "quoted" name', n: 3, all: { user: { name: 'A "quoted" name' }, n: 3 } });
  assert.equal(inv.metrics.runtime, 3);

  const get = provider.addEndpoint('get', `${base}/echo/get?x=1`, { method: 'GET' });
  await provider.invoke(get, { ignored: true });
  assert.deepEqual([received.at(-1)!.method, received.at(-1)!.body, received.at(-1)!.type, received.at(-1)!.url], ['GET', '', undefined, '/echo/get?x=1']);

  // Another content type: strings go in as they are.
  const form = provider.addEndpoint('form', `${base}/echo/form`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, bodyTemplate: 'name={{payload.name}}' });
  await provider.invoke(form, { name: 'Ada' });
  assert.deepEqual([received.at(-1)!.method, received.at(-1)!.body, received.at(-1)!.type], ['POST', 'name=Ada', 'application/x-www-form-urlencoded']);

  // A payload without the field the template names is bad input, before anything is sent.
  const count = received.length;
  await assert.rejects(provider.invoke(put, { n: 1 }), /asks for \{\{payload\.user\.name\}\}.*has no 'user'/);
  assert.equal(received.length, count);
});

test('body templates: the whole payload, a field, an array index; unknown placeholders are refused', () => {
  assert.equal(renderBody('{{payload}}', { a: [1, 2] }, true), '{"a":[1,2]}');
  assert.equal(renderBody('x={{payload.a.1}}', { a: [1, 2] }, false), 'x=2');
  assert.equal(renderBody('"{{payload.s}}"', { s: 'line\nbreak' }, true), '"line\\nbreak"');
  assert.throws(() => renderBody('{{body.name}}', {}, true), /\{\{body\.name\}\} is not a placeholder FaaS Lab knows/);
});

test('linked endpoints are read from the links file by every provider of the workspace, with their request options', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-links-'));
  try {
    const file = path.join(root, '.faaslab', 'links.json');
    await new LinkStore(file).save({ platform: 'http', name: 'echo', url: `${base}/echo/linked`, request: { method: 'PATCH', headers: { 'X-Key': 'k1' } }, linkedAt: '2026-12-01T00:00:00.000Z' });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // A second provider (as another process would make) finds it.
    const other = new HttpEndpointProvider(new LinkStore(file));
    const dep = (await other.get('echo'))!;
    assert.deepEqual([dep.endpoint, dep.managed, dep.updatedAt], [`${base}/echo/linked`, false, '2026-12-01T00:00:00.000Z']);
    assert.deepEqual((await other.list()).map((d) => d.name), ['echo']);
    await other.invoke(dep, { n: 1 });
    assert.deepEqual([received.at(-1)!.method, received.at(-1)!.headers!['x-key'], received.at(-1)!.body], ['PATCH', 'k1', '{"n":1}']);
    // An experiment's options apply on top of the link's for that process.
    other.setRequest('echo', { bodyTemplate: '{"only": {{payload.n}}}' });
    await other.invoke(dep, { n: 2 });
    assert.deepEqual([received.at(-1)!.method, received.at(-1)!.headers!['x-key'], received.at(-1)!.body], ['PATCH', 'k1', '{"only": 2}']);
    await new LinkStore(file).remove('echo');
    assert.equal(await other.get('echo'), undefined);
    writeFileSync(file, '{"links": [{"platform": "http", "name": "x", "url": "ftp://nope"}]}');
    await assert.rejects(other.list(), /links\.json link 1: "ftp:\/\/nope" is not an http:\/\/ or https:\/\/ URL/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
