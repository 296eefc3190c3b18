import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { planExperiment, splitRuns, type Plan } from '../../../../src/core/experiment/plan';
import type { ExperimentSpec } from '../../../../src/core/experiment/spec';
import { iterationsOf } from './planned';

function spec(doc: Record<string, unknown>): ExperimentSpec {
  const r = parseExperiment('/x/t.experiment.json', JSON.stringify({ function: 'f', ...doc }));
  assert.ok(r.spec, JSON.stringify(r.problems));
  return r.spec;
}

function allCalls(plan: Plan) {
  return iterationsOf(plan).flatMap((it) => it.calls.map((c) => ({ ...c, it })));
}

test('the plan has runs calls per platform × memory × iteration, seq 0..n-1 in order', () => {
  const plan = planExperiment(spec({ platforms: ['local', 'docker'], memorySettings: [128, 256, 512], iterations: 2, runs: 7, threads: 7, payloads: [{ a: 1 }, { a: 2 }] }));
  assert.equal(iterationsOf(plan).length, 2 * 3 * 2);
  assert.equal(plan.totals.calls, 2 * 3 * 2 * 7);
  assert.deepEqual(plan.totals.perPlatform, { local: 42, docker: 42 });
  const calls = allCalls(plan);
  assert.deepEqual(
    calls.map((c) => c.seq),
    calls.map((_, i) => i),
  );
  // Exact count per (platform, memory, payload, iteration): 7 calls over 2 payloads = 4 + 3.
  const count = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.it.platform}/${c.it.memoryMB}/${c.it.iteration}/${c.payloadIndex}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  assert.equal(count.size, 2 * 3 * 2 * 2);
  for (const [key, n] of count) assert.equal(n, key.endsWith('/0') ? 4 : 3, key);
  assert.deepEqual(
    iterationsOf(plan).map((it) => `${it.platform}:${it.memoryMB}:${it.iteration}`).slice(0, 4),
    ['local:128:0', 'local:128:1', 'local:256:0', 'local:256:1'],
  );
});

test('the same spec always plans the same seqs (resume relies on it)', () => {
  const s = spec({ memorySettings: [128, 256], iterations: 3, runs: 20, threads: 4, shufflePayloads: true, payloads: [{}, { x: 1 }, { y: 2 }] });
  const a = planExperiment(s);
  const b = planExperiment(structuredClone(s));
  assert.deepEqual([iterationsOf(a), a.totals, a.payloads], [iterationsOf(b), b.totals, b.payloads]);
});

test('runs are split over threads in contiguous blocks as FaaS Runner does, with the remainder made too', () => {
  assert.deepEqual(splitRuns(50, 50), Array(50).fill(1));
  assert.deepEqual(splitRuns(10, 3), [4, 3, 3]);
  assert.deepEqual(splitRuns(9, 3), [3, 3, 3]);
  const plan = planExperiment(spec({ runs: 10, threads: 3, payloads: [{ p: 0 }, { p: 1 }, { p: 2 }] }));
  const calls = iterationsOf(plan)[0].calls;
  assert.deepEqual(
    calls.map((c) => c.thread),
    [0, 0, 0, 0, 1, 1, 1, 2, 2, 2],
  );
  // Unshuffled, FaaS Runner hands payloadList[k] to the k-th call in thread order: k mod P.
  assert.deepEqual(
    calls.map((c) => c.payloadIndex),
    [0, 1, 2, 0, 1, 2, 0, 1, 2, 0],
  );
  assert.deepEqual(plan.totals.callsPerThread, [4, 3, 3]);
});

test('shufflePayloads is reproducible by randomSeed and differs across seeds, drawing from FaaS Runner\'s doubled list', () => {
  const base = { runs: 60, threads: 6, shufflePayloads: true, payloads: [{ a: 0 }, { a: 1 }, { a: 2 }, { a: 3 }] };
  const order = (seed: number): number[] => iterationsOf(planExperiment(spec({ ...base, randomSeed: seed })))[0].calls.map((c) => c.payloadIndex);
  assert.deepEqual(order(1), order(1));
  assert.notDeepEqual(order(1), order(2));
  assert.notDeepEqual(
    order(1),
    Array.from({ length: 60 }, (_, k) => k % 4),
  );
  // FaaS Runner doubles the 4 payloads to 64 entries (16 of each), shuffles them and makes the
  // first 60 calls: each payload is used 12 to 16 times (faas-runner-order.test.ts checks Python's exact order).
  for (const seed of [1, 2, 99]) {
    const counts = [0, 0, 0, 0];
    for (const p of order(seed)) counts[p]++;
    assert.equal(counts.reduce((a, b) => a + b), 60);
    for (const c of counts) assert.ok(c >= 12 && c <= 16, `${counts}`);
  }
});

test('shuffled orders differ per iteration but are the same on every platform compared', () => {
  const plan = planExperiment(spec({ platforms: ['local', 'aws'], iterations: 2, runs: 30, threads: 3, shufflePayloads: true, payloads: [{}, {}, {}] }));
  const byKey = new Map(iterationsOf(plan).map((it) => [`${it.platform}/${it.iteration}`, it.calls.map((c) => c.payloadIndex)]));
  assert.deepEqual(byKey.get('local/0'), byKey.get('aws/0'));
  assert.deepEqual(byKey.get('local/1'), byKey.get('aws/1'));
  assert.notDeepEqual(byKey.get('local/0'), byKey.get('local/1'));
});

test('parentPayload is merged under each payload and the payload keys win', () => {
  const plan = planExperiment(spec({ parentPayload: { name: 'Jose', size: 1 }, payloads: [{ name: 'Bob' }, { extra: true }] }));
  assert.deepEqual(plan.payloads, [
    { name: 'Bob', size: 1 },
    { name: 'Jose', size: 1, extra: true },
  ]);
});

test('warm-up iterations are marked and counted per memory setting', () => {
  const plan = planExperiment(spec({ memorySettings: [128, 256], iterations: 3, warmupBuffer: 1, runs: 4, threads: 2 }));
  assert.deepEqual(
    iterationsOf(plan).map((it) => it.warmup),
    [true, false, false, true, false, false],
  );
  assert.equal(plan.totals.warmupCalls, 8);
  assert.equal(plan.totals.measuredCalls, 16);
});

test('open loop: constant arrivals are evenly spaced, Poisson ones are seeded with the right mean', () => {
  const constant = iterationsOf(planExperiment(spec({ mode: 'open', rate: { rps: 20 }, runs: 5 })))[0].calls;
  assert.deepEqual(
    constant.map((c) => c.atMs),
    [0, 50, 100, 150, 200],
  );
  assert.ok(constant.every((c) => c.thread === 0));
  const poisson = (seed: number) => iterationsOf(planExperiment(spec({ mode: 'open', rate: { rps: 100, arrivals: 'poisson' }, runs: 2000, randomSeed: seed })))[0].calls;
  const a = poisson(3);
  assert.deepEqual(
    a.map((c) => c.atMs),
    poisson(3).map((c) => c.atMs),
  );
  assert.notDeepEqual(
    a.map((c) => c.atMs),
    poisson(4).map((c) => c.atMs),
  );
  const meanGap = a[a.length - 1].atMs! / (a.length - 1);
  assert.ok(meanGap > 9 && meanGap < 11, `mean gap ${meanGap} ms ≈ 10 ms`);
});

test('an empty memorySettings plans one setting at the deployed memory (0)', () => {
  const plan = planExperiment(spec({ runs: 2, threads: 1 }));
  assert.deepEqual(
    iterationsOf(plan).map((it) => it.memoryMB),
    [0],
  );
});
