// What every platform's run of the nested-call example (examples/function1-3.js) must hold: for each
// top-level call, the whole function1 -> function2 -> function3 tree, linked by trace and parent ids.
import assert from 'node:assert/strict';
import type { InvocationRecord } from '../../../src/core/results/record';

export function assertNestedTrees(records: InvocationRecord[], calls: number): void {
  const tops = records.filter((r) => r.parentId === undefined);
  assert.equal(tops.length, calls, 'one top-level record per planned call');
  assert.equal(records.length, 3 * calls, '3 records per top-level call');
  const byId = new Map(records.map((r) => [r.callId, r]));
  for (const top of tops) {
    assert.equal(top.function, 'function1');
    assert.equal(top.status, 'ok', top.error);
    assert.equal(top.traceId, top.callId);
    const tree = records.filter((r) => r.traceId === top.traceId);
    assert.equal(tree.length, 3);
    const second = only(tree, (r) => r.parentId === top.callId);
    const third = only(tree, (r) => r.parentId === second.callId);
    assert.deepEqual([second.function, third.function], ['function2', 'function3']);
    assert.equal(byId.get(third.parentId)?.parentId, top.callId);
    for (const r of [second, third]) assert.equal(r.seq, top.seq, 'a nested call keeps its top call’s seq');
    // Each hop's round trip fits inside the time its caller ran, which fits inside the caller's round trip.
    assert.deepEqual(top.nestedRoundTripsMs, [second.roundTripMs]);
    assert.deepEqual(second.nestedRoundTripsMs, [third.roundTripMs]);
    assert.equal(third.nestedRoundTripsMs, undefined);
    assert.ok(second.roundTripMs <= (top.runtime as number), `function2's round trip ${second.roundTripMs} ms within function1's runtime ${top.runtime} ms`);
    assert.ok((top.runtime as number) <= top.roundTripMs);
    assert.ok(third.roundTripMs <= (second.runtime as number));
    // The handler saw the same chain: function1's response names function2's and function3's answers.
    const nested = top.response?.nested as Array<{ function_name: string; response: { function: string; nested: Array<{ response: { function: string } }> } }>;
    assert.equal(nested[0].response.function, 'function2');
    assert.equal(nested[0].response.nested[0].response.function, 'function3');
  }
}

function only(records: InvocationRecord[], match: (r: InvocationRecord) => boolean): InvocationRecord {
  const found = records.filter(match);
  assert.equal(found.length, 1, `expected one record, found ${found.length}`);
  return found[0];
}
