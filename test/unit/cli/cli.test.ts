import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runExperimentFile } from '../../../src/core/experiment/run-file';
import { readRun } from '../../../src/core/results/store';
import { createProviders, runsDirOf } from '../../../src/providers';
import { cliAt } from './run-cli';

const examples = path.resolve(__dirname, '../../../examples');
const root = mkdtempSync(path.join(tmpdir(), 'faaslab-cli-'));
cpSync(examples, path.join(root, 'examples'), { recursive: true });
after(() => rmSync(root, { recursive: true, force: true }));

const cli = cliAt(root);

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

// `faas-lab run`: the shared experiment-file flow seen from the command line.
writeFileSync(path.join(root, 'echo.js'), '// @faas memory=128 timeout=10\nexport async function echo(request) { return request; }\n');
const file = path.join(root, 'echo.experiment.json');
writeFileSync(file, JSON.stringify({ experimentName: 'echo', function: 'echo', source: 'echo.js', platform: 'local', payloads: [{ n: 1 }], memorySettings: [128, 256], runs: 10, threads: 2 }));

test('run deploys the handler, says so, and prints the report and the run folder', async () => {
  const r = await cli('run', file);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^echo on local: deployed$/m);
  assert.match(r.out, /Run folder: /);
  const again = await cli('run', file, '--json');
  assert.equal(again.code, 0, again.err);
  const json = JSON.parse(again.out);
  assert.equal(json.status, 'completed');
  assert.equal(json.counts.recorded, 20);
  assert.equal(json.summary.counts.records, 20);
});

test('--resume finishes a cancelled run: every call once, as many as a whole run', async () => {
  const providers = createProviders({ root, local: { cpuScaling: false } });
  const controller = new AbortController();
  const cancelled = await runExperimentFile({ file, providers, runsDir: runsDirOf(root), signal: controller.signal, onProgress: (p) => p.done >= 5 && controller.abort() });
  await providers.dispose();
  assert.equal(cancelled.status, 'cancelled');

  const r = await cli('run', file, '--resume', path.relative(runsDirOf(root), cancelled.runDir), '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).runDir, cancelled.runDir);
  const { records, info } = await readRun(cancelled.runDir);
  assert.deepEqual(records.map((x) => x.seq).sort((a, b) => a - b), [...Array(20).keys()]);
  assert.equal(info.status, 'completed');
});

test('a FaaSET notebook function deploys and runs from the CLI by notebook.ipynb:function', async () => {
  const notebook = path.join(root, 'workspace.ipynb');
  cpSync(path.resolve(__dirname, '../../fixtures/notebooks/workspace.ipynb'), notebook);
  const deployed = await cli('deploy', `${notebook}:hello_world`, '--platform', 'local', '--json');
  assert.equal(deployed.code, 0, deployed.err);
  assert.equal(JSON.parse(deployed.out).action, 'deployed');
  const invoked = await cli('invoke', 'hello_world', '--payload', '{"name":"Ada"}', '--json');
  assert.equal(invoked.code, 0, invoked.err);
  assert.equal(JSON.parse(invoked.out).status, 'ok');
  assert.match(invoked.out, /Hello from the cloud Ada!/, 'the SAAF Inspector in the cell ran and returned its attribute');
});
