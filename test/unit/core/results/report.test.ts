import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { formatReport, table } from '../../../../src/core/results/report';
import { summarizeRun } from '../../../../src/core/results/summary';

const T0 = 1_700_000_000_000;

function record(i: number, over: Partial<InvocationRecord>): InvocationRecord {
  return {
    runId: 'run-7',
    experiment: 'hello-memory',
    function: 'hello',
    platform: 'aws',
    memoryMB: 128,
    iteration: i,
    thread: 0,
    seq: i,
    payloadIndex: 0,
    warmup: false,
    clientStart: T0 + i * 100,
    clientEnd: T0 + i * 100 + 50,
    roundTripMs: 50,
    status: 'ok',
    retries: 0,
    ...over,
  };
}

function fixture(): InvocationRecord[] {
  return [
    // 128 MB: runtimes [10,20,30,40] -> mean 25.0, ±20.5, p50 25.0, p90 37.0, p99 39.7.
    record(0, { runtime: 10, roundTripMs: 30, clientEnd: T0 + 30, cold: true, initDurationMs: 150 }),
    record(1, { runtime: 20, roundTripMs: 40, clientEnd: T0 + 140, cold: false }),
    record(2, { runtime: 30, roundTripMs: 50, clientEnd: T0 + 250, cold: false }),
    record(3, { runtime: 40, roundTripMs: 60, clientEnd: T0 + 360, cold: false }),
    record(4, { status: 'error', error: 'boom', roundTripMs: 15, clientEnd: T0 + 415, cold: false }),
    // 1024 MB: runtimes [5, 7].
    record(5, { memoryMB: 1024, runtime: 5, roundTripMs: 25, clientEnd: T0 + 525 }),
    record(6, { memoryMB: 1024, runtime: 7, roundTripMs: 27, clientEnd: T0 + 627 }),
    record(7, { warmup: true, runtime: 900, roundTripMs: 999 }),
  ];
}

test('the report carries the header, the numbers of each group, cold starts, concurrency, cost and the trade-off', () => {
  const summary = summarizeRun({ runId: 'run-7', experiment: 'hello-memory', status: 'completed', startedAt: '2026-11-23T10:00:00Z', endedAt: '2026-11-23T10:00:02.5Z' }, fixture());
  const text = formatReport(summary);
  assert.match(text, /^Run run-7 of experiment "hello-memory"\n/);
  assert.match(text, /status completed · platform aws · function hello/);
  assert.match(text, /duration 2\.5 s/);
  assert.match(text, /Calls: 7 summarized, 6 ok, 1 error; 1 warm-up calls excluded/);

  const lines = text.split('\n');
  const headerLine = lines.find((l) => l.startsWith('group'))!;
  for (const h of ['n', 'errors', 'cold', 'mean ms', '±95% CI ms', 'p50 ms', 'p90 ms', 'p99 ms', '$ per 1M']) assert.ok(headerLine.includes(h), h);
  const runtimeRow = lines.find((l) => /^\s+runtime/.test(l))!;
  // mean 25.0, CI ±20.5, p50 25.0, p90 37.0, p99 39.7
  assert.match(runtimeRow, /runtime\s+25\.0\s+20\.5\s+25\.0\s+37\.0\s+39\.7/);
  const firstRow = lines.find((l) => l.startsWith('aws · 128 MB'))!;
  // n 5, errors 1, cold 1 of 5 known = 20.0%, round trip over ok calls [30..60]: mean 45.0.
  assert.match(firstRow, /aws · 128 MB\s+5\s+1\s+20\.0%\s+round trip\s+45\.0/);
  // Cost per 1M at 128 MB: calls billed 10+150 (cold init), 20, 30, 40 ms runtime and 15 ms round trip (error),
  // 265 ms in all: 0.125 GB × 0.265 s × 0.0000166667 + 5 × 2e-7 = 5.52085e-7 + 1e-6 = 1.552085e-6 per 5 calls
  // -> $3.10417e-7 per call -> $0.3104 per 1M, in cents.
  assert.match(firstRow, /0\.31$/);
  // Columns line up: every table row is as wide as its dashed rule or narrower.
  const rule = lines[lines.indexOf(headerLine) + 1];
  assert.match(rule, /^-+( +-+)+$/);

  // Cold state known for the five 128 MB calls only (the 1024 MB ones carry no flag).
  assert.match(text, /Cold starts: 1 of 5 calls \(20\.0%\); mean init 150 ms \(1 reported\)/);
  assert.match(text, /Concurrency: peak 1, mean /);
  assert.match(text, /Cost at list price: \$0\.\d+ for this run \(incl\. \$0\.\d+ of warm-up calls\); costed on runtime \(6\), round trip \(1\)/);
  assert.match(text, /aws x86_64 prices: https:\/\/aws\.amazon\.com\/lambda\/pricing\/ \(read \d{4}-\d{2}-\d{2}/);
  // 1024 MB: runtimes 5 and 7 ms -> 1 GB × 0.006 s × 0.0000166667 + 2e-7 = 3.0e-7 per call = $0.3000 per 1M,
  // below 128 MB's $0.3104, and faster (p50 6.0 ms vs 25.0): cheapest, fastest and best at once.
  assert.match(text, /Best trade-off 1024 MB \(\$0\.30 per 1M, p50 runtime 6\.00 ms\); cheapest 1024 MB \(\$0\.30 per 1M\); fastest 1024 MB \(p50 runtime 6\.00 ms\)/);
});

test('an empty run says so instead of printing an empty table', () => {
  const text = formatReport(summarizeRun({ runId: 'r', experiment: 'e' }, []));
  assert.match(text, /No calls to summarize\./);
});

test('formatting helpers', () => {
  assert.deepEqual(table(['a', 'num'], [['xyz', '1'], ['', '22']], [false, true]), ['a    num', '---  ---', 'xyz    1', '      22']);
});
