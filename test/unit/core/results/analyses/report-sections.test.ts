import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from '../../../../../src/core/results/report';
import { summarizeRun } from '../../../../../src/core/results/summary';
import { record, T0 } from './make-record';

test('the report shows load steps, idle-time probabilities, cold signals, scale-out and the recommendation', () => {
  const records = [
    ...[0, 1].flatMap((step) => [10, 20, 30].map((rt, i) => record({ step, stepLoad: 2 * (step + 1), clientStart: T0 + 1000 * step + i, roundTripMs: rt, uuid: `u${i}`, cold: i === 0, newcontainer: 0 }))),
    record({ idleRole: 'probe', idleMs: 5000, cold: true, memoryMB: 256, runtime: 5 }),
    record({ idleRole: 'probe', idleMs: 5000, cold: false, memoryMB: 256, runtime: 6 }),
  ].map((r) => ({ ...r, runtime: r.runtime ?? 20 }));
  const info = { runId: 'exp/1', experiment: 'exp', spec: { strategy: 'speed' as const } };
  const text = formatReport(summarizeRun(info, records));
  assert.match(text, /Per load step[^\n]*\nstep\s+load\s+calls\s+p50\s+p95\s+cold\n[- ]+\n\s+0\s+2\s+3\s+20\.0 ms\s+29\.0 ms\s+33\.3%\n\s+1\s+4\s+3/);
  assert.match(text, /Cold-start probability after idle time[^\n]*\n[^\n]*\n[^\n]*\n\s*5\.0 s\s+2\s+1\/2\s+50\.0%/);
  assert.match(text, /Cold-start signals \(4 of 6 calls with two or more signals agree\)/);
  assert.match(text, /disagree on 2 calls: platform \(cold\) cold, SAAF newcontainer warm/);
  assert.match(text, /Scale-out, fn on aws at 128 MB, step 1 \(load 4\): 3 instances for 3 calls/);
  assert.match(text, /Recommended memory \(speed\): 256 MB/);
});
