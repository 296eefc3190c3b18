import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';

const examples = path.resolve(__dirname, '../../../examples');
const root = mkdtempSync(path.join(tmpdir(), 'faaslab-cli-'));
cpSync(examples, path.join(root, 'examples'), { recursive: true });
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTTY: false };
  const code = await runCli([...argv, '--root', root], io, new AbortController().signal);
  return { code, out, err };
}

const hello = path.join(root, 'examples/hello.js');

test('deploy, then deploy again: the unchanged code is not redeployed', async () => {
  const first = await cli('deploy', hello, '--json');
  assert.equal(first.code, 0, first.err);
  assert.equal(JSON.parse(first.out).action, 'deployed');
  const second = await cli('deploy', hello, '--json');
  assert.equal(JSON.parse(second.out).action, 'unchanged');
});

test('invoke by name returns the handler result, and --json the whole invocation with metrics', async () => {
  await cli('deploy', hello);
  const plain = await cli('invoke', 'hello', '--payload', '{"name":"Ada"}');
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /Ada/);
  assert.match(plain.err, /round trip [\d.]+ ms/);
  const json = await cli('invoke', 'hello', '--payload', '{"name":"Ada"}', '--json');
  const inv = JSON.parse(json.out);
  assert.equal(inv.status, 'ok');
  assert.equal(inv.metrics.lang, 'node');
  assert.equal(typeof inv.metrics.runtime, 'number');
});

test('invoke a Python handler by file, deploying it on the way, with a payload file', async () => {
  const payload = path.join(root, 'p.json');
  writeFileSync(payload, '{"name": "Grace"}');
  const r = await cli('invoke', path.join(root, 'examples/hello.py'), '--payload', `@${payload}`, '--json');
  assert.equal(r.code, 0, r.err);
  const inv = JSON.parse(r.out);
  assert.match(JSON.stringify(inv.result), /Grace/);
  assert.equal(inv.metrics.lang, 'python');
});

test('list shows deployed functions; remove deletes one', async () => {
  await cli('deploy', hello);
  const listed = JSON.parse((await cli('list', '--json')).out);
  assert.ok(listed.local.functions.some((f: { name: string }) => f.name === 'hello'));
  assert.equal((await cli('remove', 'hello')).code, 0);
  const after = JSON.parse((await cli('list', '--json')).out);
  assert.ok(!after.local.functions.some((f: { name: string }) => f.name === 'hello'));
});

test('bad input exits 2 with a message that says what to do', async () => {
  const badJson = await cli('invoke', 'hello', '--payload', '{name:');
  assert.equal(badJson.code, 2);
  assert.match(badJson.err, /not valid JSON.*--payload '\{"name":"Ada"\}'/);
  const badPlatform = await cli('list', '--platform', 'ibm');
  assert.equal(badPlatform.code, 2);
  assert.match(badPlatform.err, /Unknown platform 'ibm': use one of local/);
  const unknownCommand = await cli('frobnicate');
  assert.equal(unknownCommand.code, 2);
});

test('a missing function is bad input: exits 2 and names the deploy command', async () => {
  const r = await cli('invoke', 'nope');
  assert.equal(r.code, 2);
  assert.match(r.err, /No function 'nope' on .*faas-lab deploy/);
});

test('a handler that throws exits 1 and prints the error', async () => {
  const file = path.join(root, 'examples/thrower.js');
  writeFileSync(file, "// @faas\nexport function boom(request, context) { throw new TypeError('bad input: ' + request.x); }\n");
  const r = await cli('invoke', file, '--payload', '{"x": 7}');
  assert.equal(r.code, 1);
  assert.match(r.out, /TypeError: bad input: 7/);
});

test('a FaaSET notebook function runs unchanged on the local platform', async () => {
  const r = await cli('invoke', path.join(root, 'examples/faaset_hello.py'), '--payload', '{"name":"Wes"}', '--json');
  assert.equal(r.code, 0, r.out + r.err);
  const inv = JSON.parse(r.out);
  assert.deepEqual(inv.result, { message: 'Hello, Wes, from a FaaSET function!' });
  assert.equal(inv.metrics.functionMemory, 256);
});
