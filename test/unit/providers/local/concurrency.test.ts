import assert from 'node:assert/strict';
import { test } from 'node:test';
import { harness } from './harness';

test('N concurrent calls of a 300 ms sleeper start exactly N instances; then they are reused', async (t) => {
  const { provider, deploy } = harness(t);
  const d = await deploy('sleeper.js', 'sleeper');
  const calls = await Promise.all(Array.from({ length: 5 }, () => provider.invoke(d, { ms: 300 })));
  assert.deepEqual(calls.map((c) => c.status), Array(5).fill('ok'));
  assert.equal(new Set(calls.map((c) => c.metrics.uuid)).size, 5, 'one instance per concurrent call');
  assert.ok(calls.every((c) => c.cold && c.metrics.newcontainer === 1));
  assert.equal(provider.instanceCount(d.name), 5);

  const again = await Promise.all(Array.from({ length: 5 }, () => provider.invoke(d, { ms: 50 })));
  assert.ok(again.every((c) => c.status === 'ok' && !c.cold && c.metrics.newcontainer === 0));
  assert.deepEqual(new Set(again.map((c) => c.metrics.uuid)), new Set(calls.map((c) => c.metrics.uuid)));
  assert.equal(provider.instanceCount(d.name), 5);
});

test('calls beyond maxConcurrency are throttled like a 429, and succeed again once instances free up', async (t) => {
  const { provider, deploy } = harness(t, { maxConcurrency: 2 });
  const d = await deploy('sleeper.py', 'sleeper');
  const results = await Promise.all(Array.from({ length: 4 }, () => provider.invoke(d, { ms: 300 })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, ['ok', 'ok', 'throttled', 'throttled']);
  const throttled = results.find((r) => r.status === 'throttled')!;
  assert.equal(throttled.error?.type, 'Throttled');
  assert.match(throttled.error!.message, /2 concurrent calls.*faasLab\.local\.maxConcurrency/);
  assert.equal(provider.instanceCount(d.name), 2);
  const later = await provider.invoke(d, { ms: 1 });
  assert.equal(later.status, 'ok');
  assert.equal(later.cold, false);
});

test('functions have separate pools and limits', async (t) => {
  const { provider, deploy } = harness(t, { maxConcurrency: 1 });
  const a = await deploy('sleeper.js', 'sleeper', { name: 'a' });
  const b = await deploy('sleeper.js', 'sleeper', { name: 'b' });
  const [ra, rb] = await Promise.all([provider.invoke(a, { ms: 200 }), provider.invoke(b, { ms: 200 })]);
  assert.equal(ra.status, 'ok');
  assert.equal(rb.status, 'ok');
  assert.notEqual(ra.metrics.uuid, rb.metrics.uuid);
});
