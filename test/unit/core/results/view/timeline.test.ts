import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationRecord } from '../../../../../src/core/results/record';
import { MAX_TIMELINE_POINTS, timeline } from '../../../../../src/core/results/view/timeline';
import { generateRecords } from '../../../../fixtures/webview-browser/generate';

function call(clientStart: number, roundTripMs: number, extra: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    runId: 'r',
    experiment: 'e',
    function: 'f',
    platform: 'local',
    memoryMB: 128,
    iteration: 0,
    thread: 0,
    seq: 0,
    payloadIndex: 0,
    warmup: false,
    clientStart,
    clientEnd: clientStart + roundTripMs,
    roundTripMs,
    status: 'ok',
    retries: 0,
    ...extra,
  };
}

test('timeline: round trip percentiles, cold starts and failures per bucket, by when calls ended', () => {
  // Span 0..200 ms, 10 buckets of 20 ms.
  const records = [call(0, 10, { cold: true }), call(0, 15), call(5, 10), call(100, 100, { status: 'error' }), call(150, 50)];
  const t = timeline(records)!;
  assert.equal(t.bucketMs, 20);
  assert.equal(t.t.length, 10);
  assert.deepEqual(t.t.slice(0, 3), [0, 0.02, 0.04]);
  // Bucket 0 (0–20 ms): round trips 10, 15, 10 → p50 = 10, p95 = 10 + 0.9 × 5 = 14.5.
  assert.equal(t.latencyP50Ms[0], 10);
  assert.equal(t.latencyP95Ms[0], 14.5);
  assert.equal(t.coldStarts[0], 1);
  assert.equal(t.latencyP50Ms[1], null);
  // Both remaining calls end at 200 ms: the last bucket; the error counts as failed, not in latency.
  assert.equal(t.latencyP50Ms[9], 50);
  assert.equal(t.errors[9], 1);
  assert.equal(t.concurrencyMax[0], 3);
});

test('timeline: at most MAX_TIMELINE_POINTS buckets for 100,000 calls', () => {
  const t = timeline(generateRecords({ count: 100_000 }))!;
  assert.ok(t.t.length <= MAX_TIMELINE_POINTS, `${t.t.length} points`);
  assert.ok(t.t.length >= MAX_TIMELINE_POINTS / 5);
  for (const series of [t.concurrencyMean, t.concurrencyMax, t.latencyP50Ms, t.latencyP95Ms, t.coldStarts, t.errors]) assert.equal(series.length, t.t.length);
});

test('timeline: nothing recorded, no timeline', () => {
  assert.equal(timeline([]), undefined);
});
