import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { eventually, harness, sleep } from './harness';

test('Node hello: cold first call, then warm on the same instance', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('hello.js', 'hello');
  assert.equal(d.platform, 'local');
  assert.equal(d.language, 'node');

  const first = await provider.invoke(d, { name: 'Ada' });
  assert.equal(first.status, 'ok', first.error?.message);
  assert.deepEqual((first.result as { message: string }).message, 'Hello, Ada!');
  assert.equal(first.cold, true);
  assert.equal(first.metrics.newcontainer, 1);
  assert.ok(first.metrics.initDurationMs! > 0, 'cold calls report init time');

  const second = await provider.invoke(d, { name: 'Bob' });
  assert.equal(second.status, 'ok');
  assert.equal(second.cold, false);
  assert.equal(second.metrics.newcontainer, 0);
  assert.equal(second.metrics.uuid, first.metrics.uuid);
  assert.equal(second.metrics.initDurationMs, undefined, 'warm calls have no init');
  assert.equal(provider.instanceCount(d.name), 1);
});

test('Python hello: cold then warm, context names as on Lambda', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('hello.py', 'hello', { name: 'hello-py' });
  const first = await provider.invoke(d, { name: 'Ada' });
  assert.equal(first.status, 'ok', first.error?.message);
  assert.deepEqual(first.result, { message: 'Hello, Ada!', function: 'hello-py', requestId: (first.result as { requestId: string }).requestId });
  assert.equal(first.cold, true);
  assert.equal(first.metrics.newcontainer, 1);
  assert.equal(first.metrics.lang, 'python');
  const second = await provider.invoke(d, {});
  assert.equal(second.cold, false);
  assert.equal(second.metrics.newcontainer, 0);
  assert.equal(second.metrics.uuid, first.metrics.uuid);
  assert.notEqual((second.result as { requestId: string }).requestId, (first.result as { requestId: string }).requestId);
});

test('Python async def handlers are awaited', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('hello.py', 'hello_async');
  const inv = await provider.invoke(d, { name: 'Ada' });
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.deepEqual(inv.result, { message: 'Hello async, Ada!' });
});

test('metrics are present and consistent with the client timings', async (t) => {
  // 60 ms of spinning is timed by the clock, so a CPU share would only leave less CPU to see in the metrics.
  const { provider, deploy } = harness(t, { cpuScaling: false });
  for (const [file, handler] of [['cpu-bound.js', 'cpuBound'], ['cpu_bound.py', 'cpu_bound']] as const) {
    const d = await deploy(file, handler, { memoryMB: 256 });
    await provider.invoke(d, { ms: 1 });
    const inv = await provider.invoke(d, { ms: 60 });
    assert.equal(inv.status, 'ok', inv.error?.message);
    const m = inv.metrics;
    assert.ok(m.runtime! >= 55 && m.runtime! <= inv.roundTripMs, `${file}: runtime ${m.runtime} within round trip ${inv.roundTripMs}`);
    assert.ok(inv.clientEnd >= inv.clientStart);
    assert.ok(m.startTime! >= inv.clientStart - 5 && m.endTime! <= inv.clientEnd + 5, `${file}: call inside the client's window`);
    // Loosely: on a loaded machine 60 ms of spinning may get a fraction of a core.
    assert.ok(m.processCpuUserMs! + m.processCpuKernelMs! >= 5, `${file}: a CPU-bound call uses CPU (${m.processCpuUserMs})`);
    for (const key of ['cpuUserDelta', 'cpuKernelDelta', 'cpuIdleDelta', 'cpuIOWaitDelta', 'cpuStealDelta', 'contextSwitchesDelta', 'pageFaultsDelta'] as const) {
      assert.equal(typeof m[key], 'number', `${file}: ${key}`);
      assert.ok(m[key]! >= 0, `${file}: ${key} >= 0`);
    }
    assert.ok(m.cpuUserDelta! > 0, `${file}: 60 ms of spinning shows in /proc/stat user ticks`);
    assert.equal(m.functionMemory, 256);
    assert.equal(m.functionName, handler);
    assert.ok(m.totalMemory! > m.freeMemory! && m.freeMemory! > 0, 'memory in MB');
    assert.ok(m.vmuptime! > 1e9 && m.vmuptime! < Date.now() / 1000);
    assert.ok(m.cpuCores! >= 1);
    assert.equal(typeof m.cpuType, 'string');
    assert.match(m.version!, /^\d+\.\d+\.\d+$/);
    assert.ok(m.maxMemoryUsedMB! > 1 && m.maxMemoryUsedMB! < 256);
  }
});

test('deployments persist across a new provider over the same state folder; its first call is cold', async (t) => {
  const h = harness(t);
  const d = await h.deploy('hello.js', 'hello', { memoryMB: 192, env: { GREETING: 'hi' } });
  const warmUuid = (await h.provider.invoke(d, {})).metrics.uuid;

  const restarted = h.reopen();
  assert.deepEqual(await restarted.list(), [d]);
  assert.deepEqual(await restarted.get('hello'), d);
  assert.equal(await restarted.get('missing'), undefined);
  assert.equal(await restarted.get('../escape'), undefined);
  const inv = await restarted.invoke(d, {});
  assert.equal(inv.status, 'ok');
  assert.equal(inv.cold, true);
  assert.notEqual(inv.metrics.uuid, warmUuid);
  assert.equal(inv.metrics.functionMemory, 192);
});

test('redeploying the same code returns the deployment and keeps instances warm; new code retires them', async (t) => {
  const { provider, deploy, stateDir } = harness(t);
  const d = await deploy('hello.js', 'hello');
  const before = await provider.invoke(d, {});
  assert.deepEqual(await deploy('hello.js', 'hello'), d);
  const same = await provider.invoke(d, {});
  assert.equal(same.cold, false);
  assert.equal(same.metrics.uuid, before.metrics.uuid);

  // Same name, different code: the warm instance ran the old code, so the next call is cold.
  const changed = await deploy('sleeper.js', 'sleeper', { name: 'hello' });
  assert.notEqual(changed.codeHash, d.codeHash);
  const after = await provider.invoke(changed, { ms: 1 });
  assert.equal(after.status, 'ok');
  assert.equal(after.cold, true);
  assert.deepEqual(after.result, { sleptMs: 1, remainingMs: (after.result as { remainingMs: number }).remainingMs });
  const codeDirs = readdirSync(path.join(stateDir, 'functions', 'hello')).filter((n) => n.startsWith('code-'));
  assert.equal(codeDirs.length, 1, 'only the current code is kept');
});

test('configure changes memory and timeout, persists them, and starts new instances', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('hello.js', 'hello');
  const before = await provider.invoke(d, {});
  const updated = await provider.configure(d, { memoryMB: 512, timeoutS: 3 });
  assert.equal(updated.memoryMB, 512);
  assert.equal(updated.timeoutS, 3);
  assert.deepEqual(await provider.get('hello'), updated);
  // Even a stale Deployment object gets the platform's current settings.
  const after = await provider.invoke(d, {});
  assert.equal(after.cold, true);
  assert.notEqual(after.metrics.uuid, before.metrics.uuid);
  assert.equal(after.metrics.functionMemory, 512);
  await assert.rejects(provider.configure(d, { memoryMB: 8 }), /too small/);
});

test('recycle makes the next call cold; a busy instance finishes its call first', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('sleeper.js', 'sleeper');
  const first = await provider.invoke(d, { ms: 1 });
  const busy = provider.invoke(d, { ms: 300 });
  await sleep(50);
  await provider.recycle(d);
  const finished = await busy;
  assert.equal(finished.status, 'ok', 'the call in flight is not cut off');
  assert.equal(finished.metrics.uuid, first.metrics.uuid);
  const next = await provider.invoke(d, { ms: 1 });
  assert.equal(next.cold, true);
  assert.notEqual(next.metrics.uuid, first.metrics.uuid);
  assert.ok(await eventually(() => provider.instanceCount(d.name) === 1), 'the retired instance stopped after its call');
});

test('an instance idle longer than the keep-alive time is stopped; the next call is cold', async (t) => {
  const { provider, deploy } = harness(t, { keepAliveMs: 300 });
  const d = await deploy('hello.py', 'hello');
  const first = await provider.invoke(d, {});
  const warm = await provider.invoke(d, {});
  assert.equal(warm.cold, false);
  await sleep(300);
  assert.ok(await eventually(() => provider.instanceCount(d.name) === 0), 'the idle instance was stopped');
  const later = await provider.invoke(d, {});
  assert.equal(later.cold, true);
  assert.equal(later.metrics.newcontainer, 1);
  assert.notEqual(later.metrics.uuid, first.metrics.uuid);
});

test('logs: handler output is kept per function with its instance, and returned with the call', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('sleeper.js', 'sleeper');
  const inv = await provider.invoke(d, { ms: 5 });
  assert.equal(inv.logs, 'sleeping 5 ms');
  const entries = await provider.logs(d, { limit: 10 });
  const line = entries.find((e) => e.message === 'sleeping 5 ms');
  assert.ok(line, JSON.stringify(entries));
  assert.equal(line.stream, 'stdout');
  assert.equal(line.instance, inv.metrics.uuid);
  assert.ok(entries.some((e) => e.stream === 'platform' && /instance started/.test(e.message)));
  assert.equal((await provider.logs(d, { limit: 1 })).length, 1);
});

test('remove stops the instances and deletes the function', async (t) => {
  const { provider, deploy, stateDir } = harness(t);
  const d = await deploy('hello.js', 'hello');
  await provider.invoke(d, {});
  await provider.remove(d);
  assert.equal(provider.instanceCount(d.name), 0);
  assert.equal(existsSync(path.join(stateDir, 'functions', 'hello')), false);
  assert.deepEqual(await provider.list(), []);
  await assert.rejects(provider.invoke(d, {}), /No local function 'hello': deploy it first/);
});

test('readiness reports the runtimes it found', async (t) => {
  const { provider } = harness(t);
  const r = await provider.readiness();
  assert.equal(r.ready, true);
  assert.match(r.ready ? (r.detail ?? '') : '', /Node\.js \d+.*Python 3\./);

  const noPython = harness(t, { pythonPath: '/nonexistent/python3' }).provider;
  const r2 = await noPython.readiness();
  assert.equal(r2.ready, true, 'Node functions still work');
  assert.match(r2.ready ? (r2.detail ?? '') : '', /Python handlers need python3/);

  const noNode = harness(t, { nodePath: '/nonexistent/node' }).provider;
  const r3 = await noNode.readiness();
  assert.equal(r3.ready, false);
  assert.ok(!r3.ready && r3.fixes.some((f) => f.kind === 'setting' && f.setting === 'faasLab.local.nodePath'));
});

test('a missing interpreter is a user error naming the setting', async (t) => {
  const { provider, deploy } = harness(t, { pythonPath: '/nonexistent/python3' });
  const d = await deploy('hello.py', 'hello');
  await assert.rejects(provider.invoke(d, {}), /Could not start \/nonexistent\/python3.*faasLab\.local\.pythonPath/);
  assert.equal(provider.instanceCount(d.name), 0);
});
