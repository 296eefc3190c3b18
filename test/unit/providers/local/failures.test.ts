import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { test } from 'node:test';
import { BadInputError } from '../../../../src/core/bad-input';
import { alive, eventually, harness, instancePid, sleep } from './harness';

test('a throwing handler gives an error record with type, message and stack; the instance stays warm', async (t) => {
  const { provider, deploy } = harness(t);
  for (const [file, stackLine] of [['throws.js', /at throws .*throws\.js:\d+/], ['throws.py', /throws\.py", line \d+, in throws/]] as const) {
    const d = await deploy(file, 'throws', { name: `throws-${file.slice(-2)}` });
    const failed = await provider.invoke(d, { n: 1 });
    assert.equal(failed.status, 'error');
    assert.equal(failed.error?.type, 'ValidationError');
    assert.match(failed.error!.message, /bad input/);
    assert.match(failed.error!.stack!, stackLine);
    assert.doesNotMatch(failed.error!.stack!, /runWithMetrics|run_with_metrics/, 'shim frames are left out');
    assert.ok(failed.metrics.runtime! >= 0, 'failed calls are measured too');
    const again = await provider.invoke(d, { n: 2 });
    assert.equal(again.status, 'error');
    assert.equal(again.cold, false);
    assert.equal(again.metrics.uuid, failed.metrics.uuid);
  }
});

test('a result that is not JSON becomes an error saying so', async (t) => {
  const { provider, deploy } = harness(t);
  const node = await provider.invoke(await deploy('throws.js', 'throws'), { circular: true });
  assert.equal(node.status, 'error');
  assert.equal(node.error?.type, 'ResultNotSerializable');
  assert.match(node.error!.message, /circular/i);
  const python = await provider.invoke(await deploy('throws.py', 'throws', { name: 'throws-py' }), { nan: true });
  assert.equal(python.error?.type, 'ResultNotSerializable');
  assert.equal(typeof python.metrics.runtime, 'number');
});

test('a call over the timeout is stopped and reported; the next call starts a new instance', async (t) => {
  const { provider, deploy } = harness(t);
  for (const file of ['hang.js', 'hang.py']) {
    const d = await deploy(file, 'hang', { name: `hang-${file.slice(-2)}`, timeoutS: 0.5 });
    const timedOut = await provider.invoke(d, {});
    assert.equal(timedOut.status, 'timeout');
    assert.equal(timedOut.error?.type, 'Timeout');
    assert.match(timedOut.error!.message, /timed out after 0\.5 s.*raise timeout=/);
    const callMs = timedOut.roundTripMs - (timedOut.metrics.initDurationMs ?? 0);
    assert.ok(callMs >= 500, `not stopped before the limit (${callMs} ms after loading)`);
    assert.equal(provider.instanceCount(d.name), 0, 'the instance is gone');
    const stops = (await provider.logs(d, { limit: 50 })).filter((e) => e.stream === 'platform' && /^instance stopped: /.test(e.message));
    assert.deepEqual(stops.map((e) => e.message), ['instance stopped: the call reached the timeout'], 'stopped by its timeout, not by anything later');
    assert.equal(alive(await instancePid(provider, d)), false, 'its process was killed');

    const next = await provider.invoke(d, {});
    assert.equal(next.status, 'timeout');
    assert.equal(next.cold, true);
    assert.notEqual(next.metrics.uuid, timedOut.metrics.uuid);
  }
});

test('Node: allocating past the memory size (off the V8 heap) stops the instance with OutOfMemory', async (t) => {
  // Allocating is CPU work: at 128 MB's CPU share it would only take longer to reach the limit.
  const { provider, deploy } = harness(t, { cpuScaling: false });
  const d = await deploy('memory-hog.js', 'memoryHog', { memoryMB: 128 });
  const inv = await provider.invoke(d, { mb: 512 });
  assert.equal(inv.status, 'error');
  assert.equal(inv.error?.type, 'OutOfMemory');
  assert.match(inv.error!.message, /used \d+(\.\d)? MB with a memory size of 128 MB.*raise memory=/);
  assert.ok(inv.metrics.maxMemoryUsedMB! > 128 && inv.metrics.maxMemoryUsedMB! < 400, `caught early (${inv.metrics.maxMemoryUsedMB} MB)`);
  assert.equal(provider.instanceCount(d.name), 0);
  const small = await provider.invoke(d, { mb: 16 });
  assert.equal(small.status, 'ok', 'a new instance serves calls that fit');
  assert.equal(small.cold, true);
});

test('Node: filling the V8 heap past the memory size is OutOfMemory too', async (t) => {
  // Allocating is CPU work: at 128 MB's CPU share it would only take longer to reach the limit.
  const { provider, deploy } = harness(t, { cpuScaling: false });
  const d = await deploy('memory-hog.js', 'memoryHog', { memoryMB: 128 });
  const inv = await provider.invoke(d, { mb: 512, heap: true });
  assert.equal(inv.status, 'error');
  assert.equal(inv.error?.type, 'OutOfMemory', inv.error?.message);
});

test('Python: allocating past the memory size stops the instance with OutOfMemory', async (t) => {
  // Allocating is CPU work: at 128 MB's CPU share it would only take longer to reach the limit.
  const { provider, deploy } = harness(t, { cpuScaling: false });
  const d = await deploy('memory_hog.py', 'memory_hog', { memoryMB: 128 });
  const inv = await provider.invoke(d, { mb: 512 });
  assert.equal(inv.status, 'error');
  assert.equal(inv.error?.type, 'OutOfMemory');
  assert.match(inv.error!.message, /with a memory size of 128 MB/);
  assert.ok(inv.metrics.maxMemoryUsedMB! > 128);
  assert.equal(provider.instanceCount(d.name), 0);
});

test('an instance that exits mid-call is reported with its exit code and last stderr lines', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('throws.js', 'throws');
  await provider.invoke(d, {});
  const inv = await provider.invoke(d, { exit: true });
  assert.equal(inv.status, 'error');
  assert.equal(inv.error?.type, 'InstanceCrashed');
  assert.match(inv.error!.message, /exited with code 3 during the call/);
  assert.equal(inv.cold, false);
  assert.equal((await provider.invoke(d, {})).cold, true);
});

test('a handler module that fails to load is an InitError with its traceback', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('broken.py', 'broken');
  const inv = await provider.invoke(d, {});
  assert.equal(inv.status, 'error');
  assert.equal(inv.error?.type, 'InitError');
  assert.match(inv.error!.message, /could not start.*exited with code 1 before the handler was loaded/s);
  assert.match(inv.error!.message, /RuntimeError: cannot load: missing configuration/);
  assert.equal(inv.cold, true);
});

test('aborting a call kills its instance and rejects with an AbortError', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('hang.py', 'hang', { timeoutS: 30 });
  const controller = new AbortController();
  const call = provider.invoke(d, {}, { signal: controller.signal });
  await sleep(400);
  controller.abort();
  await assert.rejects(call, { name: 'AbortError' });
  assert.ok(await eventually(() => provider.instanceCount(d.name) === 0), 'the instance was killed');
  await assert.rejects(provider.invoke(d, {}, { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('dispose stops every instance, idle or busy', async (t) => {
  const { provider, deploy } = harness(t);
  const idle = await deploy('hello.js', 'hello');
  const busy = await deploy('hang.js', 'hang');
  await provider.invoke(idle, {});
  const pending = provider.invoke(busy, {});
  const pids = [await instancePid(provider, idle), await instancePid(provider, busy)];
  await provider.dispose();
  const stopped = await pending;
  assert.equal(stopped.error?.type, 'InstanceStopped');
  assert.ok(pids.every((pid) => !alive(pid)));
});

test('instances exit on their own when the provider process dies without disposing', async (t) => {
  const { stateDir } = harness(t);
  const script = path.resolve(__dirname, '../../../fixtures/handlers/orphan-parent.ts');
  const parent = spawn(process.execPath, ['--import', 'tsx', script, stateDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => parent.kill('SIGKILL'));
  const [line] = (await once(parent.stdout, 'data')) as [Buffer];
  const pids = JSON.parse(line.toString()) as number[];
  assert.equal(pids.length, 3, 'two busy instances and an idle one');
  assert.ok(pids.every(alive));
  parent.kill('SIGKILL');
  await eventually(() => !pids.some(alive), 10_000);
  assert.deepEqual(pids.filter(alive), [], 'no instance outlives its platform');
});

test('a payload over 6 MB is refused before it is sent; a raised limit lets a 20 MB payload through whole', async (t) => {
  const file = path.join(__dirname, 'fixtures', 'sizes.js');
  const { provider, deploy } = harness(t);
  const d = await deploy('sizes.js', 'size', { file, memoryMB: 512 });
  const big = 'x'.repeat(20 * 1024 * 1024);
  await assert.rejects(
    provider.invoke(d, { data: big }),
    (err: unknown) => err instanceof BadInputError && /20\.0 MB \(20971531 bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a request on local.*faasLab\.local\.maxPayloadMB/.test(err.message),
  );
  assert.equal(provider.instanceCount(d.name), 0, 'nothing was started for it');
  const raised = harness(t, { maxPayloadMB: 25 });
  const d2 = await raised.deploy('sizes.js', 'size', { file, memoryMB: 512 });
  const inv = await raised.provider.invoke(d2, { data: big });
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.deepEqual(inv.result, { chars: big.length });
});

test('a result over 6 MB fails the call as Function.ResponseSizeTooLarge with both sizes; the instance stays warm; a raised limit returns it', async (t) => {
  const file = path.join(__dirname, 'fixtures', 'sizes.js');
  const { provider, deploy } = harness(t);
  const d = await deploy('sizes.js', 'big', { file, memoryMB: 512 });
  const over = await provider.invoke(d, { bytes: 6 * 1024 * 1024 });
  assert.equal(over.status, 'error');
  assert.equal(over.error?.type, 'Function.ResponseSizeTooLarge');
  assert.match(over.error!.message, /returned 6\.0 MB \(6291458 bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a response on local \(AWS Lambda's synchronous limit\).*faasLab\.local\.maxPayloadMB/);
  assert.equal(over.result, undefined);
  const within = await provider.invoke(d, { bytes: 6 * 1024 * 1024 - 2 });
  assert.equal(within.status, 'ok', JSON.stringify(within.error));
  assert.equal((within.result as string).length, 6 * 1024 * 1024 - 2);
  assert.equal(within.cold, false, 'the instance that answered too much serves the next call');
  const raised = harness(t, { maxPayloadMB: 8 });
  const d2 = await raised.deploy('sizes.js', 'big', { file, memoryMB: 512 });
  const allowed = await raised.provider.invoke(d2, { bytes: 7 * 1024 * 1024 });
  assert.equal(allowed.status, 'ok', JSON.stringify(allowed.error));
});
