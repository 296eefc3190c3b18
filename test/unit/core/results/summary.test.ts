import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { summarizeRun } from '../../../../src/core/results/summary';

const T0 = 1_700_000_000_000;
const info = { runId: '2026-11-23T10-00-00', experiment: 'hello-memory', startedAt: '2026-11-23T10:00:00.000Z', endedAt: '2026-11-23T10:01:00.000Z', status: 'completed' };

function record(over: Partial<InvocationRecord>): InvocationRecord {
  const start = over.clientStart ?? T0;
  const rt = over.roundTripMs ?? 50;
  return {
    runId: info.runId,
    experiment: info.experiment,
    function: 'hello',
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

/** 128 MB: four ok calls with runtimes 10..40 and round trips 30..60, one timeout, one throttled; 256 MB: two ok calls; one warm-up. */
function fixture(): InvocationRecord[] {
  return [
    record({ warmup: true, runtime: 500, roundTripMs: 900, cold: true }),
    record({ seq: 1, runtime: 10, roundTripMs: 30, latencyMs: 20, cold: true, initDurationMs: 200, cpuUserDelta: 4, processCpuUserMs: 8 }),
    record({ seq: 2, runtime: 20, roundTripMs: 40, latencyMs: 20, cold: false, cpuUserDelta: 2, processCpuUserMs: 4 }),
    record({ seq: 3, runtime: 30, roundTripMs: 50, latencyMs: 20, cold: false }),
    record({ seq: 4, runtime: 40, roundTripMs: 60, latencyMs: 20, cold: false }),
    record({ seq: 5, status: 'timeout', roundTripMs: 3000, cold: false }),
    record({ seq: 6, status: 'throttled', roundTripMs: 5, retries: 3 }),
    record({ seq: 7, memoryMB: 256, runtime: 8, roundTripMs: 20, cold: true, clientStart: T0 + 100 }),
    record({ seq: 8, memoryMB: 256, runtime: 6, roundTripMs: 18, clientStart: T0 + 200 }),
  ];
}

test('warm-up calls are counted apart and left out of every statistic', () => {
  const s = summarizeRun(info, fixture());
  assert.equal(s.counts.records, 9);
  assert.equal(s.counts.warmupExcluded, 1);
  assert.equal(s.counts.summarized, 8);
  assert.deepEqual([s.counts.ok, s.counts.error, s.counts.timeout, s.counts.throttled, s.counts.retries], [6, 0, 1, 1, 3]);
  // The warm-up's 500 ms runtime would show up as the max if it were included.
  assert.equal(s.groups[0].runtime?.max, 40);
  assert.ok(s.cost.warmupUSD > 0, 'warm-up calls are still paid for');
  assert.ok(Math.abs(s.cost.totalUSD - (s.cost.summarized.totalUSD + s.cost.warmupUSD)) < 1e-18);
});

test('groups by memory × platform by default, with hand-checked statistics', () => {
  const s = summarizeRun(info, fixture());
  assert.deepEqual(s.groups.map((g) => g.label), ['aws · 128 MB', 'aws · 256 MB']);
  const g = s.groups[0];
  assert.deepEqual(g.key, { platform: 'aws', memoryMB: 128 });
  assert.equal(g.n, 6);
  assert.deepEqual(g.statuses, { ok: 4, error: 0, timeout: 1, throttled: 1 });
  assert.equal(g.retries, 3);
  // Runtime over the ok calls [10,20,30,40]: mean 25, sd 12.9099, t(0.975,3) 3.1824 -> ±20.5426.
  assert.equal(g.runtime?.n, 4);
  assert.equal(g.runtime?.mean, 25);
  assert.ok(Math.abs((g.runtime?.ciHalfWidth ?? 0) - 20.5426) < 1e-3);
  // Round trips of ok calls only: [30,40,50,60] -> mean 45, p90 = 50 + 0.7×10 = 57.
  assert.equal(g.roundTripMs?.mean, 45);
  assert.ok(Math.abs((g.roundTripMs?.p90 ?? 0) - 57) < 1e-9);
  assert.equal(g.latencyMs?.mean, 20);
  assert.equal(g.latencyMs?.stddev, 0);
  // Cold state known for 5 of the 6 (the throttled call has none), 1 cold -> 20%.
  assert.deepEqual([g.coldStarts.known, g.coldStarts.cold, g.coldStarts.rate], [5, 1, 0.2]);
  assert.equal(g.coldStarts.meanInitDurationMs, 200);
  // CPU means over the calls that report them.
  assert.deepEqual(g.cpu.cpuUserDelta, { mean: 3, n: 2 });
  assert.deepEqual(g.cpu.processCpuUserMs, { mean: 6, n: 2 });
  assert.equal(g.cpu.cpuIdleDelta, undefined);
  // The timeout (no runtime) is costed on its round trip, the throttled call not at all.
  assert.deepEqual(g.cost.basisCounts, { billed: 0, runtime: 4, roundTrip: 1 });
  assert.equal(g.cost.throttled, 1);
});

test("timingsFrom 'all' includes failed calls in the metrics they have", () => {
  const s = summarizeRun(info, fixture(), { timingsFrom: 'all' });
  const g = s.groups[0];
  assert.equal(g.roundTripMs?.n, 6); // every call has a round trip
  assert.equal(g.roundTripMs?.max, 3000);
  assert.equal(g.runtime?.n, 4); // only ok calls reported a runtime
});

test('grouping by cold state and payload', () => {
  const s = summarizeRun(info, fixture(), { groupBy: ['cold'] });
  // cold: seq 1, 7; warm: seq 2-5; unknown: the throttled seq 6 and seq 8, which carry no cold flag.
  assert.deepEqual(s.groups.map((g) => [g.label, g.n]), [['cold', 2], ['warm', 4], ['unknown', 2]]);
  const p = summarizeRun(info, [...fixture(), record({ seq: 9, payloadIndex: 1, runtime: 1 })], { groupBy: ['function', 'payloadIndex'] });
  assert.deepEqual(p.groups.map((g) => g.label), ['hello · payload 0', 'hello · payload 1']);
  assert.throws(() => summarizeRun(info, fixture(), { groupBy: ['region' as 'cold'] }), /cannot group by "region"/);
});

test('run-level cold starts, concurrency, per-memory points and trade-offs', () => {
  const s = summarizeRun(info, fixture());
  // Known cold state: 6 of 8 summarized calls (not seq 6, 8); cold: seq 1 and seq 7.
  assert.deepEqual([s.coldStarts.known, s.coldStarts.cold], [6, 2]);
  // Ok cold round trips 30, 20 -> 25; ok warm 40, 50, 60 -> 50 (the warm timeout is not ok).
  assert.equal(s.coldStarts.meanColdRoundTripMs, 25);
  assert.equal(s.coldStarts.meanWarmRoundTripMs, 50);
  // Six calls start at T0 and overlap (round trips 30..3000 ms); the throttled one lasts 5 ms.
  assert.equal(s.concurrency?.peak, 6);
  assert.deepEqual(s.byMemory.map((p) => [p.memoryMB, p.n, p.p50RuntimeMs]), [[128, 6, 25], [256, 2, 7]]);
  assert.deepEqual(s.byMemory[0].cpu.cpuUserDelta, { mean: 3, n: 2 });
  assert.equal(s.tradeOffs.length, 1);
  assert.equal(s.tradeOffs[0].fastest?.memoryMB, 256);
  assert.equal(s.run.durationMs, 60_000);
  assert.equal(s.cost.prices.aws?.variant, 'x86_64');
});

test('the summary is plain JSON: a round trip through JSON changes nothing', () => {
  const s = summarizeRun(info, fixture());
  assert.deepStrictEqual(JSON.parse(JSON.stringify(s)), s);
  const empty = summarizeRun({ runId: 'x', experiment: 'y' }, []);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(empty)), empty);
  assert.equal(empty.groups.length, 0);
  assert.equal(empty.concurrency, undefined);
});

test('100,000 records are summarized (the time is an npm run bench figure)', () => {
  const records: InvocationRecord[] = [];
  const memories = [128, 256, 512, 1024, 2048];
  for (let i = 0; i < 100_000; i++) {
    const memoryMB = memories[i % memories.length];
    const runtime = 2000 / Math.sqrt(memoryMB) + ((i * 7919) % 97) / 10;
    const start = T0 + Math.floor(i / 10) * 5;
    records.push(
      record({
        seq: i,
        memoryMB,
        thread: i % 10,
        clientStart: start,
        roundTripMs: runtime + 15,
        runtime,
        latencyMs: 15,
        cold: i < 50,
        status: i % 1000 === 999 ? 'error' : 'ok',
        cpuUserDelta: i % 5,
        cpuIdleDelta: 3,
        warmup: i < 10,
      }),
    );
  }
  const s = summarizeRun(info, records);
  assert.equal(s.counts.summarized, 99_990);
  assert.equal(s.groups.length, 5);
});
