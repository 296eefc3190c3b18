// tracedRecords: a call and its nested calls -> one record each, linked by trace and parent ids; the
// ids the functions' shims chose (cloud platforms, where the shims call each other) are kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Invocation, NestedInvocation } from '../../../../src/core/model';
import { tracedRecords } from '../../../../src/core/experiment/trace';

const ctx = { runId: 'r', experiment: 'e', function: 'top', platform: 'aws', memoryMB: 256, iteration: 0, warmup: false } as const;
const call = { seq: 4, index: 0, thread: 0, threadCall: 0, payloadIndex: 0 };
const at = (roundTripMs: number, runtime: number) => ({ clientStart: 1, clientEnd: 2, roundTripMs, metrics: { runtime } });

function tree(withIds: boolean): Invocation {
  const leaf: NestedInvocation = { ...at(5, 4), status: 'ok', function: 'leaf', ...(withIds ? { trace: { traceId: 'T', callId: 'L', parentId: 'M' } } : {}) };
  const middle: NestedInvocation = { ...at(20, 15), status: 'ok', function: 'middle', nested: [leaf], ...(withIds ? { trace: { traceId: 'T', callId: 'M', parentId: 'T' } } : {}) };
  return { ...at(40, 30), status: 'ok', nested: [middle], ...(withIds ? { trace: { traceId: 'T', callId: 'T' } } : {}) };
}

test('the shims’ own ids are the records’ ids, so the run links what the functions saw', () => {
  const records = tracedRecords(ctx, call, { kind: 'answered', invocation: tree(true) }, 0);
  assert.deepEqual(
    records.map((r) => [r.function, r.callId, r.traceId, r.parentId, r.seq, r.nestedRoundTripsMs]),
    [
      ['top', 'T', 'T', undefined, 4, [20]],
      ['middle', 'M', 'T', 'T', 4, [5]],
      ['leaf', 'L', 'T', 'M', 4, undefined],
    ],
  );
});

test('without ids from the shims (local, Docker: the provider made the calls) new ones link the tree', () => {
  const [top, middle, leaf] = tracedRecords(ctx, call, { kind: 'answered', invocation: tree(false) }, 0);
  assert.match(top.callId!, /^[0-9a-f-]{36}$/);
  assert.equal(top.traceId, top.callId);
  assert.deepEqual([middle.parentId, leaf.parentId, leaf.traceId], [top.callId, middle.callId, top.callId]);
  assert.notEqual(middle.callId, leaf.callId);
  assert.deepEqual([middle.function, middle.memoryMB], ['middle', 256]);
});

test('a call that made no nested call gets its record alone, without ids', () => {
  const records = tracedRecords(ctx, call, { kind: 'answered', invocation: { ...at(3, 2), status: 'ok' } }, 0);
  assert.equal(records.length, 1);
  assert.equal(records[0].traceId, undefined);
});
