// A FaaSET notebook (test/fixtures/notebooks/faaset-functions.ipynb, nbformat 4) run end to end on
// the local platform through the CLI as a FaaSET user would: `faas-lab deploy nb.ipynb:fn` and
// `faas-lab invoke nb.ipynb:fn`. The config= variable of an earlier cell sets memory and timeout,
// references=[hello_world] calls the deployed hello_world, requirements= installs a wheel the test
// builds (pip offline, from a folder) once into the cache, and the IBM cell's warning is printed at
// its cell, line and column.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pipOffline, writeWheel } from '../../fixtures/aws/wheel';
import { cliAt } from './run-cli';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-nb-cli-'));
const notebook = path.join(root, 'nb.ipynb');
const wheels = path.join(root, 'wheels');
const cli = cliAt(root);
let restoreEnv = (): void => undefined;

before(async () => {
  cpSync(path.resolve(__dirname, '../../fixtures/notebooks/faaset-functions.ipynb'), notebook);
  mkdirSync(wheels);
  await writeWheel(wheels, 'faaslab-nb-greeting', '1.0', 'def greet(name):\n    return "Greetings, " + name + ", from a wheel"\n');
  restoreEnv = pipOffline(wheels);
});

after(() => {
  restoreEnv();
  rmSync(root, { recursive: true, force: true });
});

interface DeployJson {
  action: string;
  deployment: { name: string; memoryMB: number; timeoutS: number };
}

test('deploy nb.ipynb:hello_world takes memory and timeout from function_config of the earlier cell', async () => {
  const r = await cli('deploy', `${notebook}:hello_world`, '--json');
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as DeployJson;
  assert.equal(out.action, 'deployed');
  assert.equal(out.deployment.name, 'hello_world');
  assert.equal(out.deployment.memoryMB, 384);
  assert.equal(out.deployment.timeoutS, 45);
  // Nothing to warn about in hello_world's cell (the IBM cell's warning is for that cell's deploy).
  assert.equal(r.err.trim(), '', 'no annotation warning for the config variable');

  const invoked = await cli('invoke', `${notebook}:hello_world`, '--payload', '{"name":"Wes"}', '--json');
  assert.equal(invoked.code, 0, invoked.err);
  const inv = JSON.parse(invoked.out) as { status: string; result: Record<string, unknown> };
  assert.equal(inv.status, 'ok');
  assert.equal(inv.result.message, 'Hello from FaaSET Wes!');
  // SAAF's finish(): functionMemory is the configured MB as SAAF reads it, a string from the environment.
  assert.equal(inv.result.functionMemory, '384');
  assert.equal(typeof inv.result.runtime, 'number');
  assert.equal(typeof inv.result.cpuUserDelta, 'number');
});

test('invoke nb.ipynb:call_hello: references=[hello_world] calls the deployed hello_world and returns what it returned', async () => {
  const r = await cli('invoke', `${notebook}:call_hello`, '--payload', '{"name":"Ada"}', '--json');
  assert.equal(r.code, 0, r.out + r.err);
  const inv = JSON.parse(r.out) as { status: string; result: { message: string; from: string } };
  assert.equal(inv.status, 'ok', JSON.stringify(inv));
  assert.deepEqual(inv.result, { message: 'Called from FaaSET Ada!', from: 'call_hello' });
});

test('invoke nb.ipynb:greet_pkg installs requirements= once; a changed cell redeploys with the cached install', async () => {
  const first = await cli('invoke', `${notebook}:greet_pkg`, '--payload', '{"name":"Grace"}', '--json');
  assert.equal(first.code, 0, first.out + first.err);
  assert.deepEqual(JSON.parse(first.out).result, { greeting: 'Greetings, Grace, from a wheel' });
  const cacheRoot = path.join(root, '.faaslab', 'local', 'python-deps');
  const folders = readdirSync(cacheRoot);
  assert.equal(folders.length, 1, folders.join(', '));
  const cached = statSync(path.join(cacheRoot, folders[0]));

  // Edit the cell's code (not its requirements): the function is deployed again, pip is not run again.
  const nb = JSON.parse(readFileSync(notebook, 'utf8')) as { cells: { source: string[] }[] };
  const cell = nb.cells.find((c) => c.source.join('').includes('def greet_pkg'));
  assert.ok(cell);
  cell.source = cell.source.map((line) => line.replace('{"greeting":', '{"edited": True, "greeting":'));
  writeFileSync(notebook, JSON.stringify(nb, null, 1));
  const second = await cli('deploy', `${notebook}:greet_pkg`, '--json');
  assert.equal(second.code, 0, second.err);
  assert.equal(JSON.parse(second.out).action, 'deployed');
  assert.deepEqual(readdirSync(cacheRoot), folders, 'the same requirements set: the same cache folder');
  const again = statSync(path.join(cacheRoot, folders[0]));
  assert.equal(again.ino, cached.ino, 'not installed into a new folder');
  assert.equal(again.mtimeMs, cached.mtimeMs, 'nothing written into the cached install');
  const invoked = await cli('invoke', 'greet_pkg', '--payload', '{"name":"Linus"}', '--json');
  assert.equal(invoked.code, 0, invoked.out + invoked.err);
  assert.deepEqual(JSON.parse(invoked.out).result, { edited: true, greeting: 'Greetings, Linus, from a wheel' });
});

test('deploy nb.ipynb:ibm_hello prints the IBM warning at its cell, line and column', async () => {
  const r = await cli('deploy', `${notebook}:ibm_hello`);
  assert.equal(r.code, 0, r.err);
  // Cell 6 of the notebook (markdown counted), line 1, column 33: where "IBM" starts.
  const line = r.err.split('\n').find((l) => l.includes('IBM'));
  assert.ok(line, r.err);
  assert.equal(line.startsWith(`${notebook} cell 6:1:33: warning: FaaS Lab does not support the FaaSET platform "IBM"`), true, line);
  assert.match(line, /deploys to "local", "docker", Platform\.AWS \("aws"\), Platform\.GCF \("google"\), Platform\.AZURE \("azure"\) or Platform\.OPENFAAS \("openfaas"\)/);
  assert.match(r.out, /^ibm_hello on Local: deployed/m);
});

/** MemTotal of /proc/meminfo in kB: SAAF's totalMemory. */
function memTotalKB(): number {
  return Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
}

test('faas-lab run on the notebook\'s SAAF Inspector function: counts, FaaS Runner ids, SAAF fields in SAAF units, a CSV Python reads', async () => {
  const experiment = path.join(root, 'nb-saaf.experiment.json');
  writeFileSync(experiment, JSON.stringify({
    experimentName: 'nb-saaf', function: 'hello_world', source: 'nb.ipynb', platform: 'local',
    payloads: [{ name: 'Ann' }, { name: 'Bo' }, { name: 'Cy' }], runs: 6, threads: 2, iterations: 1,
  }));
  const r = await cli('run', experiment, '--json');
  assert.equal(r.code, 0, r.err);
  const run = JSON.parse(r.out) as { runDir: string; status: string; counts: { recorded: number; ok: number } };
  assert.equal(run.status, 'completed');
  assert.equal(run.counts.recorded, 6);
  assert.equal(run.counts.ok, 6);

  const records = readFileSync(path.join(run.runDir, 'invocations.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { seq: number; thread: number; threadCall?: number; payloadIndex: number; memoryMB: number; clientStart: number; response?: Record<string, unknown> })
    .sort((a, b) => a.seq - b.seq);
  assert.deepEqual(records.map((x) => x.seq), [0, 1, 2, 3, 4, 5]);
  // FaaS Runner's threads: 6 runs over 2 threads are 3 calls on each, numbered 0..2 on their thread.
  assert.deepEqual(records.map((x) => [x.thread, x.threadCall]).sort(), [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
  const total = memTotalKB();
  const byUuid = new Map<string, number[]>();
  // In the order the calls were made, to see each instance's first call.
  for (const x of [...records].sort((a, b) => a.clientStart - b.clientStart || a.seq - b.seq)) {
    assert.equal(x.memoryMB, 384, 'the function as deployed from function_config');
    const saaf = x.response as Record<string, number | string>;
    assert.ok(saaf, 'the Inspector\'s finish() output is recorded');
    assert.equal(saaf.message, `Hello from FaaSET ${['Ann', 'Bo', 'Cy'][x.payloadIndex]}!`);
    assert.equal(saaf.version, 0.7);
    assert.equal(saaf.lang, 'python');
    assert.equal(saaf.functionMemory, '384');
    assert.equal(saaf.totalMemory, total, 'totalMemory in kB, as SAAF');
    for (const s of ['cpuUser', 'cpuKernel', 'cpuIdle']) assert.equal((saaf[`${s}Delta`] as number) % 10, 0, `${s}Delta in whole 10 ms ticks, as FaaSET's SAAF.py`);
    byUuid.set(saaf.uuid as string, [...(byUuid.get(saaf.uuid as string) ?? []), saaf.newcontainer as number]);
  }
  // SAAF's container identity: an instance (uuid) is new on its first call only (one kept warm from
  // the tests above may be reused, new on none of its calls here), however many calls it took.
  assert.ok(byUuid.size >= 1 && byUuid.size <= 2, `one instance per thread at most: ${[...byUuid.keys()].join(', ')}`);
  for (const [uuid, flags] of byUuid) assert.ok(flags.slice(1).every((f) => f === 0) && (flags[0] === 0 || flags[0] === 1), `${uuid}: ${flags.join(',')}`);

  const csv = path.join(root, 'nb-saaf.csv');
  const exported = await cli('export', path.relative(path.join(root, '.faaslab/runs'), run.runDir), '--csv', '--out', csv);
  assert.equal(exported.code, 0, exported.err);
  const script = `
import csv, json, sys
with open(sys.argv[1], newline='') as f:
    rows = list(csv.DictReader(f))
print(json.dumps({'n': len(rows), 'columns': list(rows[0].keys()), 'first': rows[0]}))`;
  const read = JSON.parse(execFileSync('python3', ['-c', script, csv], { encoding: 'utf8' })) as { n: number; columns: string[]; first: Record<string, string> };
  assert.equal(read.n, 6, 'one row per call, no blank rows');
  for (const column of ['1_run_id', '2_thread_id', 'cpuUserDelta', 'cpuKernelDelta', 'cpuIdleDelta', 'userRuntime', 'functionMemory', 'runtime', 'latency', 'newcontainer', 'payload', 'message']) {
    assert.ok(read.columns.includes(column), `${column} in ${read.columns.join(',')}`);
  }
  assert.equal(read.first.functionMemory, '384');
});
