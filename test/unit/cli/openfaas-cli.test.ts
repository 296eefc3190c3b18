// The CLI on OpenFaaS: the workspace's faasLab.openfaas.* settings and faas-cli's login reach the
// gateway; an experiment deploys, runs over two memory sizes and records its calls; list, logs and
// remove work by the function's name; a refused login is a platform error saying what to do.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { serviceName } from '../../../src/providers/openfaas/records';
import { GATEWAY_PASSWORD, startTestbed, type OpenFaasTestbed } from '../../fixtures/openfaas/testbed';
import { cliAt } from './run-cli';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-cli-openfaas-'));
const cli = cliAt(root);
const name = `of-echo-${process.pid}`;
let testbed: OpenFaasTestbed | undefined;
let skip: string | undefined;

before(async () => {
  const started = await startTestbed();
  if ('skip' in started) return void (skip = started.skip);
  testbed = started;
  // The CLI reads process.env, as it does when a user runs it.
  Object.assign(process.env, testbed.loginEnv(GATEWAY_PASSWORD));
  delete process.env.OPENFAAS_PASSWORD;
  mkdirSync(path.join(root, '.vscode'));
  writeFileSync(path.join(root, '.vscode', 'settings.json'), JSON.stringify({ 'faasLab.openfaas.gateway': testbed.gateway.url, 'faasLab.openfaas.registry': testbed.registry.host }));
  writeFileSync(path.join(root, 'echo.js'), `// @faas name=${name} memory=128 timeout=10 platforms=openfaas\nexport async function echo(request) { console.log('echo', JSON.stringify(request)); return request; }\n`);
});

after(async () => {
  await testbed?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('an experiment on openfaas: deployed, run at 128 and 256 MB, every call recorded with its metrics', async (t) => {
  if (skip) return t.skip(skip);
  const file = path.join(root, 'echo.experiment.json');
  writeFileSync(file, JSON.stringify({ experimentName: 'of-echo', function: name, source: 'echo.js', platform: 'openfaas', payloads: [{ n: 1 }, { n: 2 }], memorySettings: [128, 256], runs: 4, threads: 1 }));
  const r = await cli('run', file);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`^${name} on openfaas: deployed$`, 'm'));
  assert.match(r.out, /Run folder: /);
  const runsDir = path.join(root, '.faaslab', 'runs', 'of-echo');
  const [run] = readdirSync(runsDir);
  const records = readFileSync(path.join(runsDir, run, 'invocations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(records.length, 8);
  assert.deepEqual(new Set(records.map((r) => r.platform)), new Set(['openfaas']));
  assert.deepEqual(records.map((r) => r.memoryMB), [128, 128, 128, 128, 256, 256, 256, 256]);
  assert.ok(records.every((r) => r.status === 'ok' && r.lang === 'node' && typeof r.runtime === 'number'), JSON.stringify(records[0]));
  // Each memory size runs on new replicas: its first call is cold, the rest warm.
  assert.deepEqual(records.map((r) => r.newcontainer), [1, 0, 0, 0, 1, 0, 0, 0]);
  assert.deepEqual(records.map((r) => r.functionMemory), [128, 128, 128, 128, 256, 256, 256, 256]);
  assert.deepEqual(testbed!.gateway.problems, []);
});

test('list, logs and remove by name; a wrong password exits 3 saying how to log in', async (t) => {
  if (skip) return t.skip(skip);
  const list = await cli('list', '--platform', 'openfaas', '--json');
  assert.equal(list.code, 0, list.err);
  const listed = JSON.parse(list.out) as Record<string, { ready: boolean; functions?: { name: string; memoryMB: number; endpoint: string }[] }>;
  const mine = listed.openfaas.functions?.find((f) => f.name === name);
  assert.ok(mine, list.out);
  assert.equal(mine.endpoint, `${testbed!.gateway.url}/function/${serviceName(name)}`);

  const invoked = await cli('invoke', name, '--platform', 'openfaas', '--payload', '{"n": 3}');
  assert.equal(invoked.code, 0, invoked.err);
  assert.match(invoked.out, /"n": ?3/);
  const logs = await cli('logs', name, '--platform', 'openfaas', '--limit', '20');
  assert.equal(logs.code, 0, logs.err);
  assert.match(logs.out, /echo \{"n":3\}/);

  const saved = process.env.OPENFAAS_CONFIG;
  Object.assign(process.env, { OPENFAAS_CONFIG: testbed!.loginEnv('wrong').OPENFAAS_CONFIG });
  const refused = await cli('remove', name, '--platform', 'openfaas');
  process.env.OPENFAAS_CONFIG = saved;
  assert.equal(refused.code, 3, refused.err);
  assert.match(refused.err, /refused the credentials of admin .*faas-cli login --gateway/);

  const removed = await cli('remove', name, '--platform', 'openfaas');
  assert.equal(removed.code, 0, removed.err);
  const after = JSON.parse((await cli('list', '--platform', 'openfaas', '--json')).out) as Record<string, { functions?: { name: string }[] }>;
  assert.equal(after.openfaas.functions?.some((f) => f.name === name), false);
});
