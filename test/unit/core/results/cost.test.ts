import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  billedDurationMs,
  costByMemory,
  costOfRecords,
  estimateInvocationCostUSD,
  pickTradeOffs,
  type MemoryCostPoint,
} from '../../../../src/core/results/cost';
import { DEFAULT_PRICES, mergePrices, rateCardFor } from '../../../../src/core/results/prices';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { UserError } from '../../../../src/core/model';

const close = (actual: number | undefined, expected: number, what = '') =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * 1e-9 + 1e-15, `${what}: expected ${expected}, got ${actual}`);

function record(over: Partial<InvocationRecord>): InvocationRecord {
  return {
    runId: 'r',
    experiment: 'e',
    function: 'f',
    platform: 'aws',
    memoryMB: 128,
    iteration: 0,
    thread: 0,
    seq: 0,
    payloadIndex: 0,
    warmup: false,
    clientStart: 0,
    clientEnd: 100,
    roundTripMs: 100,
    status: 'ok',
    retries: 0,
    ...over,
  };
}

test('AWS Lambda: 1 ms rounding, GB = MB/1024, request charge, x86 and arm64', () => {
  // 128 MB for 100.2 ms -> billed 101 ms; 0.125 GB × 0.101 s = 0.012625 GB-s × $0.0000166667
  // = $2.104170875e-7, plus $0.20 / 1e6 = $2e-7 per request -> $4.104170875e-7.
  close(estimateInvocationCostUSD('aws', 128, 100.2), 4.104170875e-7, 'x86 128 MB');
  // arm64, 1024 MB for exactly 1000 ms: 1 GB-s × $0.0000133334 + $2e-7 = $1.35334e-5.
  close(estimateInvocationCostUSD('aws', 1024, 1000, DEFAULT_PRICES, 'arm64'), 1.35334e-5, 'arm64 1 GB-s');
  // A 0.3 ms call still bills the 1 ms minimum.
  close(estimateInvocationCostUSD('aws', 1024, 0.3), (1 / 1000) * 0.0000166667 + 2e-7, 'minimum 1 ms');
  // Float noise does not buy a whole extra millisecond.
  assert.equal(billedDurationMs(0.1 + 0.2 + 299.7, rateCardFor('aws')), 300);
});

test('Google Cloud Run functions: 100 ms rounding, vCPU from the memory tier, GiB-s and requests', () => {
  // 256 MiB, 120 ms -> billed 200 ms; tier 256 MiB = 0.167 vCPU.
  // 0.2 s × (0.25 GiB × $0.0000025 + 0.167 vCPU × $0.000024) = 0.2 × (6.25e-7 + 4.008e-6) = 9.266e-7
  // plus $0.40 / 1e6 = 4e-7 -> $1.3266e-6.
  close(estimateInvocationCostUSD('gcp', 256, 120), 1.3266e-6, 'gcp 256 MiB');
  // 384 MiB falls in the 512 MiB tier (0.333 vCPU); 100 ms exactly stays 100 ms:
  // 0.1 × (0.375 × 0.0000025 + 0.333 × 0.000024) + 4e-7 = 0.1 × (9.375e-7 + 7.992e-6) + 4e-7 = 1.29295e-6.
  close(estimateInvocationCostUSD('gcp', 384, 100), 1.29295e-6, 'gcp 384 MiB');
  // 1 ms still bills 100 ms.
  assert.equal(billedDurationMs(1, rateCardFor('gcp')), 100);
});

test('Azure Flex Consumption: 1,000 ms minimum, then 100 ms steps, on instance memory', () => {
  // 2048 MB, 250 ms -> billed 1000 ms: 2 GB × 1 s × $0.000026 = $5.2e-5, + $0.40/1e6 -> $5.24e-5.
  close(estimateInvocationCostUSD('azure', 2048, 250), 5.24e-5, 'flex minimum');
  // 1234 ms -> 1300 ms: 2 × 1.3 × 0.000026 = 6.76e-5, + 4e-7 -> 6.8e-5.
  close(estimateInvocationCostUSD('azure', 2048, 1234), 6.8e-5, 'flex rounding');
});

test('Azure Consumption: memory used rounded up to 128 MB (max 1,536), time to 1 ms, at least 100 ms', () => {
  // 160 MB used -> 256 MB; 50 ms -> 100 ms minimum: 0.25 GB × 0.1 s × $0.000016 = 4e-7, + $0.20/1e6 -> 6e-7.
  close(estimateInvocationCostUSD('azure', 160, 50, DEFAULT_PRICES, 'consumption'), 6e-7, 'consumption minimum');
  // 3000 MB used is billed as 1536 MB; 250.5 ms rounds up to 251 ms:
  // 1.5 GB × 0.251 s × 0.000016 = 6.024e-6, + 2e-7 -> 6.224e-6.
  close(estimateInvocationCostUSD('azure', 3000, 250.5, DEFAULT_PRICES, 'consumption'), 6.224e-6, 'consumption cap');
});

test('local and docker calls cost nothing', () => {
  assert.equal(estimateInvocationCostUSD('local', 4096, 5000), 0);
  assert.equal(estimateInvocationCostUSD('docker', 128, 1), 0);
});

test('costOfRecords prefers billed duration, then runtime (+ init), then round trip; throttled calls are free', () => {
  const records = [
    // Billed 101 ms at 128 MB -> same as the 100.2 ms case: 4.104170875e-7.
    record({ billedDurationMs: 101, runtime: 99.5 }),
    // Runtime 40 ms + init 160 ms on a cold start -> 200 ms at 1024 MB: 0.2 × 0.0000166667 + 2e-7 = 3.53334e-6.
    record({ memoryMB: 1024, runtime: 40, initDurationMs: 160, cold: true }),
    // Platform error, no runtime: round trip 20 ms at 128 MB: 0.125 × 0.02 × 0.0000166667 + 2e-7 = 2.416667e-7.
    record({ status: 'error', roundTripMs: 20 }),
    record({ status: 'throttled', roundTripMs: 5 }),
  ];
  const c = costOfRecords(records);
  const expected = 4.104170875e-7 + (0.2 * 0.0000166667 + 2e-7) + (0.125 * 0.02 * 0.0000166667 + 2e-7);
  close(c.totalUSD, expected, 'total');
  assert.equal(c.charged, 3);
  assert.equal(c.throttled, 1);
  assert.deepEqual(c.basisCounts, { billed: 1, runtime: 1, roundTrip: 1 });
  assert.equal(c.basis, 'billed'); // a three-way tie goes to the most trustworthy basis
  close(c.perInvocationUSD, expected / 3, 'per call');
  close(c.perMillionUSD, (expected / 3) * 1e6, 'per million');
});

test('costOfRecords uses the variant asked for, and memory used where the plan bills it', () => {
  const arm = costOfRecords([record({ memoryMB: 1024, runtime: 1000 })], DEFAULT_PRICES, { variants: { aws: 'arm64' } });
  close(arm.totalUSD, 1.35334e-5, 'arm64');
  const consumption = costOfRecords([record({ platform: 'azure', memoryMB: 1536, maxMemoryUsedMB: 160, runtime: 50 })], DEFAULT_PRICES, {
    variants: { azure: 'consumption' },
  });
  close(consumption.totalUSD, 6e-7, 'consumption on memory used');
  assert.equal(costOfRecords([]).perInvocationUSD, undefined);
});

test('mergePrices overrides single figures without touching the defaults, and refuses typos', () => {
  const merged = mergePrices(DEFAULT_PRICES, { aws: { variants: { x86_64: { perGBSecondUSD: 0.00002 } } }, azure: { defaultVariant: 'consumption' } });
  assert.equal(merged.aws.variants.x86_64.perGBSecondUSD, 0.00002);
  assert.equal(merged.aws.variants.x86_64.perMillionRequestsUSD, 0.2);
  assert.equal(DEFAULT_PRICES.aws.variants.x86_64.perGBSecondUSD, 0.0000166667);
  // 1 GB-s at the overridden $0.00002 + $2e-7.
  close(estimateInvocationCostUSD('aws', 1024, 1000, merged), 0.0000202, 'override used');
  close(estimateInvocationCostUSD('azure', 160, 50, merged), 6e-7, 'default variant switched');
  assert.throws(() => mergePrices(DEFAULT_PRICES, { ['ibm' as 'aws']: {} }), UserError);
  assert.throws(() => mergePrices(DEFAULT_PRICES, { aws: { variants: { x86_64: { perGBSecondUSD: -1 } } } }), /must be a number >= 0/);
  assert.throws(() => mergePrices(DEFAULT_PRICES, { gcp: { variants: { cheap: { perGBSecondUSD: 0 } } } }), /needs perVcpuSecondUSD/);
  assert.throws(() => mergePrices(DEFAULT_PRICES, { aws: { defaultVariant: 'x86' } }), /names no variant/);
});

test('every default price names its source and the date it was read', () => {
  for (const p of Object.values(DEFAULT_PRICES)) {
    assert.match(p.readOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(p.source.length > 0);
    assert.ok(p.variants[p.defaultVariant], 'default variant exists');
  }
});

test('costByMemory groups by size with ok-call medians; pickTradeOffs finds cheapest, fastest and best', () => {
  const records: InvocationRecord[] = [];
  // 128 MB: runtimes 300 and 310 -> p50 305; 1024 MB: 50 and 60 -> p50 55; 2048 MB: 40 -> 40.
  for (const [memoryMB, runtime] of [[128, 300], [128, 310], [1024, 50], [1024, 60], [2048, 40]]) {
    records.push(record({ memoryMB, runtime }));
  }
  records.push(record({ memoryMB: 128, status: 'error', runtime: 9999 }));
  const points = costByMemory(records);
  assert.deepEqual(points.map((p) => [p.memoryMB, p.n, p.p50RuntimeMs]), [[128, 3, 305], [1024, 2, 55], [2048, 1, 40]]);
  const [t] = pickTradeOffs(points);
  assert.equal(t.durationMetric, 'runtime');
  assert.equal(t.fastest?.memoryMB, 2048);
  // Mean cost per call: 128 MB (300, 310, 9999 ms error) vs 1024 MB (50, 60 ms) vs 2048 MB (40 ms):
  // GB-s 0.125×(0.3+0.31+9.999)=1.326 /3 = 0.442; 1×0.11/2 = 0.055; 2×0.04 = 0.08 -> 1024 MB is cheapest.
  assert.equal(t.cheapest?.memoryMB, 1024);
  // cost × p50: 1024 MB: (0.055×r + q) × 55 vs 2048 MB: (0.08×r + q) × 40, r = $0.0000166667, q = $2e-7:
  // 1024: (9.1667e-7 + 2e-7) × 55 = 6.1417e-5; 2048: (1.33334e-6 + 2e-7) × 40 = 6.1333e-5 -> 2048 MB wins, narrowly.
  assert.equal(t.best?.memoryMB, 2048);
});

test('several payloads: each payload\'s median, averaged, so a mix of short and long calls compares like with like', () => {
  const records: InvocationRecord[] = [];
  const add = (memoryMB: number, payloadIndex: number, runtimes: number[]) => {
    for (const runtime of runtimes) records.push(record({ platform: 'local', memoryMB, payloadIndex, runtime }));
  };
  // Pooled medians would say 128 MB (1 ms: three short calls outnumber two long ones) beats 256 MB (50 ms).
  add(128, 0, [1, 1, 1]);
  add(128, 1, [100, 100]);
  add(256, 0, [1, 1]);
  add(256, 1, [50, 50, 50]);
  const points = costByMemory(records);
  assert.deepEqual(points.map((p) => [p.memoryMB, p.p50RuntimeMs, p.payloads]), [[128, 50.5, 2], [256, 25.5, 2]]);
  const [t] = pickTradeOffs(points);
  assert.equal(t.fastest?.memoryMB, 256);
  assert.equal(t.payloads, 2);

  // A size where every call of one payload failed is not timed on its other payloads alone.
  add(512, 0, [1, 1]);
  records.push(record({ platform: 'local', memoryMB: 512, payloadIndex: 1, status: 'error', runtime: 3 }));
  const withFailure = costByMemory(records);
  assert.equal(withFailure.find((p) => p.memoryMB === 512)!.p50RuntimeMs, undefined);
  const [judged] = pickTradeOffs(withFailure);
  assert.equal(judged.durationMetric, 'runtime', 'one untimed size does not switch every size to round trips');
  assert.equal(judged.fastest?.memoryMB, 256);
});

test('trade-offs on a free platform only name the fastest size', () => {
  const points: MemoryCostPoint[] = costByMemory([record({ platform: 'local', runtime: 10 }), record({ platform: 'local', memoryMB: 256, runtime: 5 })]);
  const [t] = pickTradeOffs(points);
  assert.equal(t.fastest?.memoryMB, 256);
  assert.equal(t.cheapest, undefined);
  assert.equal(t.best, undefined);
});
