// invocationOf (Google and Azure calls): a shim outcome that made nested calls gives the Invocation
// those calls and the ids the shim ran under, which tracedRecords turns into the run's call tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invocationOf, type ShimCallWords } from '../../../../src/providers/shared/http-shim';

const words = {} as ShimCallWords;
const timed = { clientStart: 1, clientEnd: 9, roundTripMs: 8 };

test('a shim outcome with nested calls keeps them and its trace ids; one without has neither', () => {
  const child = { function: 'callee', status: 'ok', metrics: { runtime: 2 }, clientStart: 2, clientEnd: 5, roundTripMs: 3, trace: { traceId: 'T', callId: 'C', parentId: 'T' } };
  const withTree = invocationOf({ status: 200, text: JSON.stringify({ ok: true, result: 1, metrics: { runtime: 6 }, nested: [child], trace: { traceId: 'T', callId: 'T' } }) }, timed, words);
  assert.deepEqual(withTree, { ...timed, status: 'ok', result: 1, metrics: { runtime: 6 }, nested: [child], trace: { traceId: 'T', callId: 'T' } });
  const failed = invocationOf({ status: 200, text: JSON.stringify({ ok: false, error: { type: 'E', message: 'm' }, metrics: {}, nested: [child], trace: { traceId: 'T', callId: 'T' } }) }, timed, words);
  assert.deepEqual([failed.status, failed.nested, failed.trace], ['error', [child], { traceId: 'T', callId: 'T' }]);
  const plain = invocationOf({ status: 200, text: JSON.stringify({ ok: true, result: 2, metrics: {} }) }, timed, words);
  assert.deepEqual(plain, { ...timed, status: 'ok', result: 2, metrics: {} });
});
