// SAAF Inspector handlers, written as SAAF and FaaSET write them, deployed and called on the real
// local platform with FaaS Lab's own SAAF-compatible Inspector (or the user's, when they ship one).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { FunctionSpec } from '../../../../src/core/model';
import { buildArtifact } from '../../../../src/core/packaging';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';
import { harness } from '../../providers/local/harness';

const SAAF_FIXTURES = path.resolve(__dirname, '../../../fixtures/saaf');
const linux = process.platform === 'linux';

/** A spec for a fixture under test/fixtures/saaf. */
function saafSpec(file: string, handler: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return { ...fixtureSpec('x', handler), file: path.join(SAAF_FIXTURES, file), language: file.endsWith('.py') ? 'python' : 'node', ...overrides };
}

/** A fresh temporary folder for the instance (until each local instance gets a private /tmp of its own). */
function instanceTmp(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-saaf-tmp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function memTotalKB(): number {
  return Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
}

/** Every CPU state's delta added up: the whole machine's CPU time over the measured span. */
function cpuTotal(result: Record<string, unknown>, states: string[]): number {
  return states.reduce((sum, s) => sum + (result[`${s}Delta`] as number), 0);
}

test('a FaaSET SAAF handler runs unchanged and returns what SAAF returns, in SAAF Python units', async (t) => {
  const { provider } = harness(t, { cpuScaling: false });
  const spec = saafSpec('faaset_hello.py', 'faaset_hello', { memoryMB: 256, env: { TMPDIR: instanceTmp(t) } });
  const artifact = await buildArtifact(spec, { target: 'local', runtimeDir: RUNTIME_DIR });
  const shipped = artifact.files.map((f) => f.path);
  for (const name of ['SAAF.py', 'Inspector.py', 'FaaSET.py']) assert.ok(shipped.includes(name), `${name} is shipped`);
  const d = await provider.deploy(spec, artifact);

  const first = await provider.invoke(d, { name: 'Steve', spinS: 0.3 });
  assert.equal(first.status, 'ok', first.error?.message);
  const r = first.result as Record<string, unknown>;
  assert.equal(r.version, 0.7);
  assert.equal(r.lang, 'python');
  assert.equal(r.message, 'Hello from the cloud Steve!');
  assert.equal(r.newcontainer, 1);
  assert.match(r.uuid as string, /^[0-9a-f-]{36}$/);
  assert.equal(r.invocations, 1);
  assert.equal(r.platform, 'FaaS Lab');
  assert.equal(r.functionName, 'faaset_hello');
  assert.equal(r.functionMemory, '256', 'a string, as SAAF reads it from the environment');
  for (const key of ['startTime', 'endTime', 'initializationTime']) {
    assert.ok((r[key] as number) >= first.clientStart - 60_000 && (r[key] as number) <= first.clientEnd + 5, `${key} in epoch ms`);
  }
  assert.ok((r.endTime as number) >= (r.startTime as number));
  for (const key of ['runtime', 'userRuntime', 'frameworkRuntime', 'frameworkRuntimeDeltas']) assert.equal(typeof r[key], 'number', key);
  assert.ok((r.userRuntime as number) >= 290, `userRuntime ${r.userRuntime} ms covers the 300 ms spin`);
  if (linux) {
    assert.equal(r.totalMemory, memTotalKB(), 'totalMemory is MemTotal in kB');
    assert.ok((r.freeMemory as number) > 0 && (r.freeMemory as number) <= (r.totalMemory as number), 'freeMemory in kB');
    assert.equal(typeof r.cpuType, 'string');
    assert.equal(r.cpuCores, (r.cpuInfo as unknown[]).length);
    assert.ok((r.bootTime as number) > 1e9 && (r.bootTime as number) < Date.now() / 1000, 'bootTime in epoch s');
    assert.match(r.linuxVersion as string, /^Linux /);
    const states = ['cpuUser', 'cpuNice', 'cpuKernel', 'cpuIdle', 'cpuIOWait', 'cpuIrq', 'cpuSoftIrq', 'cpuSteal', 'cpuGuest', 'cpuGuestNice'];
    for (const s of states) assert.equal((r[`${s}Delta`] as number) % 10, 0, `${s}Delta is whole 10 ms ticks`);
    // In ms, the states add up to the span's wall time on every core (ticks would be a tenth of it).
    const spanMs = (r.userRuntime as number) + (r.frameworkRuntimeDeltas as number);
    const total = cpuTotal(r, states);
    const cores = r.cpuCores as number;
    assert.ok(total >= 0.5 * spanMs * cores && total <= 1.5 * spanMs * cores + 20 * cores, `CPU ${total} ms over ${spanMs} ms on ${cores} cores`);
    assert.ok((r.cpuUserDelta as number) >= 100, `the spin shows as user time (${r.cpuUserDelta} ms)`);
    assert.equal(typeof r.pageFaultsDelta, 'number');
  }
  // The shim's own metrics are still there beside the handler's result.
  assert.equal(first.metrics.totalMemory, r.totalMemory);

  const second = await provider.invoke(d, { name: 'Bob' });
  const r2 = second.result as Record<string, unknown>;
  assert.equal(r2.newcontainer, 0, 'the container-id file is found');
  assert.equal(r2.uuid, r.uuid);
  assert.equal(r2.invocations, 2);
});

test('the older `from Inspector import *` form works too; consumeResponse and addTimeStamp add fields', async (t) => {
  const { provider } = harness(t);
  const spec = saafSpec('old_inspector.py', 'old_inspector', { env: { TMPDIR: instanceTmp(t) } });
  const d = await provider.deploy(spec, await buildArtifact(spec, { target: 'local', runtimeDir: RUNTIME_DIR }));
  const inv = await provider.invoke(d, {});
  assert.equal(inv.status, 'ok', inv.error?.message);
  const r = inv.result as Record<string, unknown>;
  assert.equal(r.answer, 42);
  assert.equal(typeof r.checkpoint, 'number');
  assert.equal(r.newcontainer, 1);
  if (linux) assert.equal(typeof r.pageFaultsDelta, 'number');
});

test('a SAAF Node.js handler requires ./Inspector unchanged and gets SAAF Node fields in ticks and kB', async (t) => {
  const { provider } = harness(t, { cpuScaling: false });
  const spec = saafSpec('saaf-hello.js', 'saafHello', { env: { TMPDIR: instanceTmp(t) } });
  const d = await provider.deploy(spec, await buildArtifact(spec, { target: 'local', runtimeDir: RUNTIME_DIR }));
  const inv = await provider.invoke(d, { name: 'Ada', spinMs: 300 });
  assert.equal(inv.status, 'ok', inv.error?.message);
  const r = inv.result as Record<string, unknown>;
  assert.equal(r.version, 0.5);
  assert.equal(r.lang, 'node.js');
  assert.equal(r.message, 'Hello Ada!');
  assert.equal(r.newcontainer, 1);
  assert.equal(r.platform, 'FaaS Lab');
  if (linux) {
    assert.equal(r.totalMemory, memTotalKB(), 'totalMemory is MemTotal in kB');
    assert.ok((r.vmuptime as number) > 1e9 && (r.vmuptime as number) < Date.now() / 1000, 'vmuptime in epoch s');
    const states = ['cpuUsr', 'cpuNice', 'cpuKrn', 'cpuIdle', 'cpuIowait', 'cpuIrq', 'cpuSoftIrq', 'vmcpusteal'];
    for (const s of states) assert.ok(Number.isInteger(r[`${s}Delta`]), `${s}Delta in whole ticks`);
    // In ticks of 10 ms, the states add up to a tenth of the span's wall time on every core.
    const spanMs = (r.userRuntime as number) + (r.frameworkRuntimeDeltas as number);
    const cores = Number(readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)!.length);
    const ticks = cpuTotal(r, states);
    assert.ok(ticks >= (0.5 * spanMs * cores) / 10 && ticks <= (1.5 * spanMs * cores) / 10 + 2 * cores, `${ticks} ticks over ${spanMs} ms on ${cores} cores`);
    assert.equal(typeof r.contextSwitchesDelta, 'number');
  }
  const again = (await provider.invoke(d, { name: 'Ada' })).result as Record<string, unknown>;
  assert.equal(again.newcontainer, 0);
  assert.equal(again.uuid, r.uuid);
});

test("a user's own SAAF.py, beside the handler or in includes_<name>/, ships instead of FaaS Lab's", async (t) => {
  const { provider } = harness(t);
  for (const [file, handler, marker, own] of [
    ['own/own_saaf.py', 'own_saaf', "the user's own SAAF.py", 'own/SAAF.py'],
    ['includes/packed_saaf.py', 'packed_saaf', 'includes_packed_saaf/SAAF.py', 'includes/includes_packed_saaf/SAAF.py'],
  ] as const) {
    const spec = saafSpec(file, handler);
    const artifact = await buildArtifact(spec, { target: 'local', runtimeDir: RUNTIME_DIR });
    const saaf = artifact.files.find((f) => f.path === 'SAAF.py');
    assert.deepEqual(Buffer.from(saaf!.data), readFileSync(path.join(SAAF_FIXTURES, own)), `${file}: the user's file at the top level`);
    const inv = await provider.invoke(await provider.deploy(spec, artifact), {});
    assert.equal(inv.status, 'ok', inv.error?.message);
    assert.deepEqual(inv.result, { inspector: marker });
  }
});

test("a user's own Inspector.js beside a Node handler is bundled instead of FaaS Lab's", async (t) => {
  const { provider } = harness(t);
  const spec = saafSpec('node-own/handler.js', 'ownInspector');
  const inv = await provider.invoke(await provider.deploy(spec, await buildArtifact(spec, { target: 'local', runtimeDir: RUNTIME_DIR })), {});
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.deepEqual(inv.result, { inspector: 'the user’s own Inspector.js' });
});

test('handlers that do not import SAAF ship no Inspector', async () => {
  const artifact = await buildArtifact(fixtureSpec('hello.py', 'hello'), { target: 'local', runtimeDir: RUNTIME_DIR });
  assert.ok(!artifact.files.some((f) => f.path === 'SAAF.py' || f.path === 'Inspector.py'));
});

/** Runs Python with FaaS Lab's SAAF.py importable and `env`; the code prints one JSON value. */
function python(code: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const script = `import sys, json\nsys.path.insert(0, ${JSON.stringify(path.join(RUNTIME_DIR, 'python'))})\nfrom SAAF import Inspector\n${code}`;
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script], { env: { PATH: process.env.PATH, ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

test('on AWS Lambda the Python Inspector says so, as SAAF does, and recommends a memory size from the CPU it used', async (t) => {
  const r = await python(
    `i = Inspector(); i.inspectAll()
import time
end = time.time() + 0.2
while time.time() < end: pass
i.inspectAllDeltas(); print(json.dumps(i.finish()))`,
    { AWS_LAMBDA_LOG_STREAM_NAME: '2026/12/02/[$LATEST]abc', AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1792', AWS_REGION: 'us-east-2', TMPDIR: instanceTmp(t) },
  );
  assert.equal(r.platform, 'AWS Lambda');
  assert.equal(r.containerID, '2026/12/02/[$LATEST]abc');
  assert.equal(r.functionName, 'fn');
  assert.equal(r.functionMemory, '1792');
  assert.equal(r.functionRegion, 'us-east-2');
  assert.equal(r.availableCPUs, 1);
  if (linux) {
    assert.equal(typeof r.utilizedCPUs, 'number');
    assert.ok((r.recommendedMemory as number) >= 128 && (r.recommendedMemory as number) <= 10240);
  }
});

test('deltas asked for before their inspect call give SAAF’s error attributes, not an exception', async (t) => {
  const r = await python('i = Inspector(); i.inspectCPUDelta(); i.inspectMemoryDelta(); print(json.dumps(i.finish()))', { TMPDIR: instanceTmp(t) });
  assert.equal(r.SAAFCPUDeltaError, 'CPU not inspected before collecting deltas!');
  assert.equal(r.SAAFMemoryDeltaError, 'Memory not inspected before collecting deltas!');
  assert.equal(r.platform, undefined);
  assert.equal(typeof r.runtime, 'number');
});
