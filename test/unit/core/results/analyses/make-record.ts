// Generated records for the analysis tests: an ok 128 MB call on aws unless told otherwise.
import type { InvocationRecord } from '../../../../../src/core/results/record';

export const T0 = 1_700_000_000_000;

export function record(over: Partial<InvocationRecord>): InvocationRecord {
  const start = over.clientStart ?? T0;
  const rt = over.roundTripMs ?? 50;
  return {
    runId: 'exp/2026-12-02T10-00-00-000Z',
    experiment: 'exp',
    function: 'fn',
    platform: 'aws',
    memoryMB: 128,
    iteration: 0,
    thread: 0,
    seq: 0,
    payloadIndex: 0,
    warmup: false,
    clientStart: start,
    clientEnd: start + rt,
    roundTripMs: rt,
    status: 'ok',
    retries: 0,
    ...over,
  };
}

export function feed<T>(acc: { add(r: InvocationRecord): void; finish(): T }, records: InvocationRecord[]): T {
  for (const r of records) acc.add(r);
  return acc.finish();
}
