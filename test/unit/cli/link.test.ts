// `faas-lab link`/`unlink` and `invoke --url` against a loopback HTTP server that records what it
// receives. Each CLI call builds its own providers, as a new process would: a link is found only
// because it was written to .faaslab/links.json.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { readRun } from '../../../src/core/results/store';
import { cliAt } from './run-cli';

interface Received {
  method?: string;
  url?: string;
  auth?: string;
  type?: string;
  body: string;
}
const received: Received[] = [];
let base = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    received.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
    if (req.url === '/plain') {
      res.end('pong');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ echo: body, runtime: 2, uuid: 'u-1', newcontainer: 0 }));
  });
});

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-link-'));
const cli = cliAt(root);
const linksFile = path.join(root, '.faaslab', 'links.json');

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

test('invoke --url calls any endpoint once with the method, headers and body template given, keeping no link', async () => {
  const r = await cli('invoke', '--url', `${base}/once`, '--method', 'put', '--header', 'Authorization: Bearer abc', '--body-template', '{"n": {{payload.n}}}', '--payload', '{"n": 7}');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(received.at(-1), { method: 'PUT', url: '/once', auth: 'Bearer abc', type: 'application/json', body: '{"n": 7}' });
  assert.equal(JSON.parse(r.out).echo, '{"n": 7}');
  assert.match(r.err, /round trip [\d.]+ ms · runtime 2/);
  const plain = await cli('invoke', '--url', `${base}/plain`, '--json');
  assert.equal(JSON.parse(plain.out).result, 'pong');
  assert.deepEqual(received.at(-1)!.body, '{}');
  assert.throws(() => statSync(linksFile));

  const bad = await cli('invoke', '--url', `${base}/x`, '--header', 'no colon');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--header "no colon": write it as 'Name: value'/);
  const badTemplate = await cli('invoke', '--url', `${base}/x`, '--method', 'GET', '--body-template', '{{payload}}');
  assert.match(badTemplate.err, /a GET request has no body/);
});

test('link persists an endpoint (0600): invoke, list and an experiment of another process find it; unlink forgets it only', async () => {
  const linked = await cli('link', 'greeter', '--url', `${base}/greet`, '-H', 'Authorization: Bearer s3cret', '--body-template', '{"who": "{{payload.name}}"}');
  assert.equal(linked.code, 0, linked.err);
  assert.match(linked.out, /^Linked greeter on HTTP endpoint → http:\/\/127\.0\.0\.1:\d+\/greet; FaaS Lab invokes it but never changes or deletes it without asking/);
  assert.equal(statSync(linksFile).mode & 0o777, 0o600);
  const stored = JSON.parse(readFileSync(linksFile, 'utf8'));
  assert.deepEqual(stored.links.map((l: { name: string; platform: string; request: unknown }) => [l.name, l.platform, l.request]), [
    ['greeter', 'http', { headers: { Authorization: 'Bearer s3cret' }, bodyTemplate: '{"who": "{{payload.name}}"}' }],
  ]);
  assert.match(readFileSync(path.join(root, '.faaslab', '.gitignore'), 'utf8'), /^\*$/m);

  // No --platform: the name is found on its link's platform.
  const inv = await cli('invoke', 'greeter', '--payload', '{"name": "Ada"}');
  assert.equal(inv.code, 0, inv.err);
  assert.deepEqual(received.at(-1), { method: 'POST', url: '/greet', auth: 'Bearer s3cret', type: 'application/json', body: '{"who": "Ada"}' });
  // Flags given to invoke apply on top of the link's options for that call.
  const put = await cli('invoke', 'greeter', '--method', 'PUT', '--body-template', '{{payload.name}}', '--header', 'content-type: text/plain', '--payload', '{"name": "Bea"}');
  assert.equal(put.code, 0, put.err);
  assert.deepEqual(received.at(-1), { method: 'PUT', url: '/greet', auth: 'Bearer s3cret', type: 'text/plain', body: 'Bea' });

  const list = await cli('list', '--platform', 'http', '--json');
  const fns = JSON.parse(list.out).http.functions;
  assert.deepEqual(fns.map((d: { name: string; endpoint: string; managed: boolean }) => [d.name, d.endpoint, d.managed]), [['greeter', `${base}/greet`, false]]);
  assert.match((await cli('list', '--platform', 'http')).out, /greeter {2}→ http:\/\/127\.0\.0\.1:\d+\/greet {2}not managed by FaaS Lab/);

  const experiment = path.join(root, 'greet.experiment.json');
  writeFileSync(experiment, JSON.stringify({ function: 'greeter', platform: 'http', runs: 2, threads: 1, payloads: [{ name: 'Bo' }] }));
  const before = received.length;
  const run = await cli('run', experiment, '--json');
  assert.equal(run.code, 0, run.err);
  const calls = received.slice(before);
  assert.deepEqual(calls.map((c) => [c.method, c.auth, c.body]), [
    ['POST', 'Bearer s3cret', '{"who": "Bo"}'],
    ['POST', 'Bearer s3cret', '{"who": "Bo"}'],
  ]);
  const { records } = await readRun(JSON.parse(run.out).runDir);
  assert.deepEqual(records.map((r) => [r.status, r.platform, r.runtime, r.uuid]), [
    ['ok', 'http', 2, 'u-1'],
    ['ok', 'http', 2, 'u-1'],
  ]);

  const remove = await cli('remove', 'greeter');
  assert.equal(remove.code, 2);
  assert.match(remove.err, /HTTP endpoint FaaS Lab does not own, so it never removes it: 'faas-lab unlink greeter' forgets the link/);

  const before2 = received.length;
  const unlinked = await cli('unlink', 'greeter');
  assert.equal(unlinked.code, 0, unlinked.err);
  assert.match(unlinked.out, /^Unlinked greeter from HTTP endpoint; http:\/\/127\.0\.0\.1:\d+\/greet itself is unchanged/);
  assert.equal(received.length, before2, 'unlink sends nothing to the endpoint');
  assert.deepEqual(JSON.parse(readFileSync(linksFile, 'utf8')).links, []);
  const gone = await cli('invoke', 'greeter', '--platform', 'http');
  assert.equal(gone.code, 2);
  assert.match(gone.err, /No endpoint 'greeter' on http: link it first \(faas-lab link greeter --url http:\/\/\.\.\.\)/);
  const again = await cli('unlink', 'greeter');
  assert.match(again.err, /No linked function 'greeter'/);
});

test('link refuses what it cannot call, saying what to write', async () => {
  const noUrl = await cli('link', 'x');
  assert.equal(noUrl.code, 2);
  assert.match(noUrl.err, /link needs the endpoint's URL: --url http:\/\/\.\.\./);
  assert.match((await cli('link', 'x', '--url', 'ftp://host/f')).err, /"ftp:\/\/host\/f" is not an http:\/\/ or https:\/\/ URL/);
  assert.match((await cli('link', '../x', '--url', `${base}/a`)).err, /'..\/x' cannot name a linked function/);
  assert.match((await cli('link', 'x', '--platform', 'aws', '--arn', 'arn:aws:s3:::bucket')).err, /is not a Lambda function ARN: give one like arn:aws:lambda:us-east-1:123456789012:function:my-function/);
  assert.match((await cli('link', 'x', '--platform', 'local', '--url', `${base}/a`)).err, /Functions on local cannot be linked/);
});
