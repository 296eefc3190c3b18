import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { BadInputError } from '../../../../src/core/bad-input';
import { eventually, harness } from './harness';

test('a throwing handler gives an error record with type, message and stack; the container stays warm', async (t) => {
  const h = await harness(t);
  if (!h) return;
  for (const [file, stackLine] of [
    ['throws.js', /at throws .*throws\.js:\d+/],
    ['throws.py', /throws\.py", line \d+, in throws/],
  ] as const) {
    const d = await h.deploy(file, 'throws', { name: h.unique(`throws-${file.slice(-2)}`) });
    const failed = await h.provider.invoke(d, { n: 1 });
    assert.equal(failed.status, 'error');
    assert.equal(failed.error?.type, 'ValidationError');
    assert.match(failed.error!.message, /bad input/);
    assert.match(failed.error!.stack!, stackLine);
    assert.ok(failed.metrics.runtime! >= 0, 'failed calls are measured too');
    const again = await h.provider.invoke(d, { n: 2 });
    assert.equal(again.status, 'error');
    assert.equal(again.cold, false);
    assert.equal(again.metrics.uuid, failed.metrics.uuid);
  }
});

test('a call over the timeout (or cancelled): the container is killed and removed, the next call starts a new one', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const d = await h.deploy('hang.py', 'hang', { timeoutS: 1 });
  const timedOut = await h.provider.invoke(d, {});
  assert.equal(timedOut.status, 'timeout');
  assert.equal(timedOut.error?.type, 'Timeout');
  assert.match(timedOut.error!.message, /timed out after 1 s.*raise timeout=/);
  const callMs = timedOut.roundTripMs - (timedOut.metrics.initDurationMs ?? 0);
  assert.ok(callMs >= 1000, `not stopped before the limit (${callMs} ms after the health check)`);
  assert.equal(h.provider.instanceCount(d.name), 0);
  const stops = (await h.provider.logs(d, { limit: 50 })).filter((e) => e.stream === 'platform' && / removed: /.test(e.message));
  assert.deepEqual(stops.map((e) => e.message.replace(/^container \w+ /, '')), ['removed: the call reached the timeout'], 'stopped by its timeout, not by anything later');
  assert.ok(await eventually(async () => (await h.containers(d.name, 'instance')).length === 0), 'its container is gone from the engine');

  // Cancelling a call kills its container too, and rejects as fetch does.
  const controller = new AbortController();
  const call = h.provider.invoke(d, {}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 500);
  await assert.rejects(call, { name: 'AbortError' });
  assert.ok(await eventually(async () => (await h.containers(d.name, 'instance')).length === 0));

  const next = await h.provider.invoke(d, {});
  assert.equal(next.status, 'timeout');
  assert.equal(next.cold, true);
  assert.notEqual(next.metrics.uuid, timedOut.metrics.uuid);
});

test('allocating past the memory size: the engine kills the container (OOMKilled), reported as OutOfMemory', async (t) => {
  const h = await harness(t);
  if (!h) return;
  for (const [file, handler] of [
    ['memory_hog.py', 'memory_hog'],
    ['memory-hog.js', 'memoryHog'],
  ] as const) {
    const d = await h.deploy(file, handler, { memoryMB: 128 });
    const inv = await h.provider.invoke(d, { mb: 512 });
    assert.equal(inv.status, 'error', `${file}: ${JSON.stringify(inv.result)}`);
    assert.equal(inv.error?.type, 'OutOfMemory', inv.error?.message);
    assert.match(inv.error!.message, /memory size of 128 MB.*raise memory=/);
    assert.equal(h.provider.instanceCount(d.name), 0);
    if (file.endsWith('.js')) continue;
    // (Once is enough: a cold start with 128 MB's CPU share takes a while.)
    const small = await h.provider.invoke(d, { mb: 16 });
    assert.equal(small.status, 'ok', `${file}: a new container serves calls that fit (${small.error?.message})`);
    assert.equal(small.cold, true);
  }
});

test('a handler that cannot load fails the cold start with its error, and no container is left running', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const d = await h.deploy('broken.py', 'broken');
  const inv = await h.provider.invoke(d, {});
  assert.equal(inv.status, 'error');
  assert.equal(inv.error?.type, 'InitError');
  assert.match(inv.error!.message, /could not start/);
  assert.ok(await eventually(async () => (await h.containers(d.name, 'instance')).length === 0));
});

test('a payload or a result over 6 MB (as Lambda): the payload is refused before it is sent, the result fails the call as Function.ResponseSizeTooLarge', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const file = path.join(__dirname, '..', 'local', 'fixtures', 'sizes.js');
  const d = await h.deploy('sizes.js', 'big', { file });
  await assert.rejects(
    h.provider.invoke(d, { bytes: 1, pad: 'x'.repeat(6 * 1024 * 1024) }),
    (err: unknown) => err instanceof BadInputError && /over the 6 MB \(6291456 bytes\) limit of a request on Docker \(AWS Lambda's synchronous limit\)/.test(err.message),
  );
  assert.equal(h.provider.instanceCount(d.name), 0, 'no container was started for it');
  const over = await h.provider.invoke(d, { bytes: 6 * 1024 * 1024 });
  assert.equal(over.status, 'error');
  assert.equal(over.error?.type, 'Function.ResponseSizeTooLarge');
  assert.match(over.error!.message, /returned 6\.0 MB \(6291458 bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a response on Docker/);
  const within = await h.provider.invoke(d, { bytes: 1024 });
  assert.equal(within.status, 'ok', JSON.stringify(within.error));
  assert.equal(within.cold, false);
});
