import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, harness } from './harness';

test('three concurrent calls run in three containers; later calls reuse them warm', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const d = await h.deploy('sleeper.js', 'sleeper');
  const first = await Promise.all([1, 2, 3].map(() => h.provider.invoke(d, { ms: 400 })));
  assert.deepEqual(first.map((i) => i.status), ['ok', 'ok', 'ok']);
  assert.deepEqual(first.map((i) => i.cold), [true, true, true]);
  assert.equal(new Set(first.map((i) => i.metrics.uuid)).size, 3);
  assert.equal(h.provider.instanceCount(d.name), 3);
  const running = await h.containers(d.name, 'instance');
  assert.equal(running.length, 3);
  assert.ok(running.every((c) => c.State === 'running'));

  const second = await Promise.all([1, 2, 3].map(() => h.provider.invoke(d, { ms: 100 })));
  assert.deepEqual(second.map((i) => i.cold), [false, false, false]);
  assert.deepEqual(new Set(second.map((i) => i.metrics.uuid)), new Set(first.map((i) => i.metrics.uuid)));
});

test('calls beyond maxConcurrency are throttled, with what to do', async (t) => {
  const h = await harness(t, { maxConcurrency: 2 });
  if (!h) return;
  const d = await h.deploy('sleeper.js', 'sleeper');
  const settled: string[] = [];
  const calls = await Promise.all([1, 2, 3].map(() => h.provider.invoke(d, { ms: 800 }).then((inv) => (settled.push(inv.status), inv))));
  const statuses = calls.map((c) => c.status).sort();
  assert.deepEqual(statuses, ['ok', 'ok', 'throttled']);
  const throttled = calls.find((c) => c.status === 'throttled')!;
  assert.equal(throttled.error?.type, 'Throttled');
  assert.match(throttled.error!.message, /faasLab\.docker\.maxConcurrency/);
  // Refused without waiting for a container: before either running call ends.
  assert.equal(settled[0], 'throttled', `refused at once (calls ended in the order ${settled.join(', ')})`);
  assert.equal(h.provider.instanceCount(d.name), 2);
});

test('idle containers are removed after the keep-alive time; recycle makes the next call cold', async (t) => {
  const h = await harness(t, { keepAliveMs: 700 });
  if (!h) return;
  const d = await h.deploy('hello.py', 'hello');
  assert.equal((await h.provider.invoke(d, {})).cold, true);
  assert.equal((await h.provider.invoke(d, {})).cold, false);
  assert.equal((await h.containers(d.name, 'instance')).length, 1);
  assert.ok(await eventually(async () => (await h.containers(d.name, 'instance')).length === 0), 'removed from the engine after 0.7 s idle');
  const entries = await h.provider.logs(d, { limit: 10 });
  assert.ok(entries.some((e) => /removed: idle for the keep-alive time/.test(e.message)), JSON.stringify(entries));
  assert.equal((await h.provider.invoke(d, {})).cold, true, 'a new container after keep-alive');

  await h.provider.recycle(d);
  const afterRecycle = await h.provider.invoke(d, {});
  assert.equal(afterRecycle.cold, true);
});
