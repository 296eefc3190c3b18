import assert from 'node:assert/strict';
import { test } from 'node:test';
import { create } from '../../../../src/core/results/nested';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { formatReport } from '../../../../src/core/results/report';
import { summarizeRun } from '../../../../src/core/results/summary';

function record(seq: number, over: Partial<InvocationRecord>): InvocationRecord {
  return { runId: 'r', experiment: 'nested', function: 'f1', platform: 'local', memoryMB: 128, iteration: 0, thread: 0, seq, payloadIndex: 0, warmup: false, clientStart: 0, clientEnd: 0, roundTripMs: 0, status: 'ok', retries: 0, ...over };
}

/** A 1 -> 2 -> 3 tree: f1 runs 100 ms of which 70 wait for f2; f2 runs 60 ms of which 25 wait for f3. */
function tree(seq: number, t: string): InvocationRecord[] {
  return [
    record(seq, { callId: t, traceId: t, roundTripMs: 110, runtime: 100, nestedRoundTripsMs: [70] }),
    record(seq, { function: 'f2', callId: `${t}-2`, traceId: t, parentId: t, roundTripMs: 70, runtime: 60, nestedRoundTripsMs: [25] }),
    record(seq, { function: 'f3', callId: `${t}-3`, traceId: t, parentId: `${t}-2`, roundTripMs: 25, runtime: 20 }),
  ];
}

test('per hop: caller own time, callee round trip and runtime; per tree: billed while waiting', () => {
  const acc = create();
  // Order does not matter: children may be read before their callers.
  for (const r of [...tree(0, 'a'), ...tree(1, 'b')].reverse()) acc.add(r);
  acc.add(record(2, { roundTripMs: 5, runtime: 4 }));
  const n = acc.finish()!;
  assert.equal(n.trees, 2);
  assert.deepEqual(n.hops, [
    { caller: 'f1', callee: 'f2', n: 2, meanCallerOwnMs: 30, meanRoundTripMs: 70, meanCalleeRuntimeMs: 60, meanHopOverheadMs: 10 },
    { caller: 'f2', callee: 'f3', n: 2, meanCallerOwnMs: 35, meanRoundTripMs: 25, meanCalleeRuntimeMs: 20, meanHopOverheadMs: 5 },
  ]);
  // Billed: 100 + 60 + 20 = 180 ms per tree, of which 70 + 25 = 95 ms is callers waiting.
  assert.equal(n.meanBilledMs, 180);
  assert.equal(n.meanWaitingBilledMs, 95);
  assert.equal(n.waitingShare, 95 / 180);
});

test('a run without nested calls has no nested summary; one with them gets a report section', () => {
  const plain = create();
  plain.add(record(0, { roundTripMs: 5, runtime: 4 }));
  assert.equal(plain.finish(), undefined);
  assert.equal(summarizeRun({ runId: 'r', experiment: 'x' }, [record(0, {})]).nested, undefined);

  const text = formatReport(summarizeRun({ runId: 'r', experiment: 'nested' }, tree(0, 'a')));
  assert.match(text, /Nested calls over 1 call trees/);
  assert.match(text, /f1 → f2 +1 +30\.0 +70\.0 +60\.0 +10\.0/);
  assert.match(text, /f2 → f3 +1 +35\.0 +25\.0 +20\.0 +5\.00/);
  assert.match(text, /Double billing: callers billed 95\.0 ms per tree while waiting, of 180 ms billed \(52\.8%\)/);
});
