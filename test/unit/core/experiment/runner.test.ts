import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { runExperiment, type RunOptions } from '../../../../src/core/experiment/runner';
import type { ExperimentSpec } from '../../../../src/core/experiment/spec';
import { UserError, type PlatformId } from '../../../../src/core/model';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { readRun, readRunInfo } from '../../../../src/core/results/store';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { HttpStubProvider, type StubProviderOptions } from '../../../fixtures/http-stub/provider';
import { FunctionStub, type StubBehaviour } from '../../../fixtures/http-stub/server';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-runner-'));
const stub = new FunctionStub();
let url = '';
const providers: HttpStubProvider[] = [];

before(async () => {
  url = await stub.start();
});
after(async () => {
  await Promise.all(providers.map((p) => p.dispose()));
  await stub.close();
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => stub.reset());

let runsCounter = 0;
function setup(behaviour: Partial<StubBehaviour> = {}, options: Partial<StubProviderOptions> = {}) {
  stub.reset(behaviour);
  const provider = new HttpStubProvider({ url, functionName: 'fn', memoryMB: 128, ...options });
  providers.push(provider);
  const registry = new ProviderRegistry();
  registry.register(provider);
  return { provider, registry, runsDir: path.join(work, `runs-${++runsCounter}`) };
}

function spec(doc: Record<string, unknown>): ExperimentSpec {
  const r = parseExperiment('/x/test.experiment.json', JSON.stringify({ function: 'fn', platform: 'docker', ...doc }));
  assert.ok(r.spec, JSON.stringify(r.problems));
  return r.spec;
}

async function run(s: ExperimentSpec, registry: ProviderRegistry, runsDir: string, extra: Partial<RunOptions> = {}) {
  return runExperiment({ spec: s, providers: registry, runsDir, ...extra });
}

function seqsOf(records: InvocationRecord[]): number[] {
  return records.map((r) => r.seq).sort((a, b) => a - b);
}

test('every planned call is made and recorded: exact counts per memory × payload × iteration', async () => {
  const { provider, registry, runsDir } = setup();
  const s = spec({ memorySettings: [256, 512], iterations: 2, runs: 6, threads: 3, payloads: [{ n: 0 }, { n: 1 }, { n: 2 }], warmupBuffer: 1 });
  const seen: InvocationRecord[] = [];
  let startedIn: string | undefined;
  const result = await run(s, registry, runsDir, {
    onRecord: (r) => seen.push(r),
    onStart: (runDir) => {
      startedIn = runDir;
      assert.equal(seen.length, 0, 'onStart comes before the first record');
    },
    experimentFile: '/x/test.experiment.json',
  });
  assert.equal(startedIn, result.runDir);
  assert.equal(result.status, 'completed');
  assert.deepEqual(result.problems, []);
  assert.equal(result.counts.recorded, 24);
  assert.equal(result.counts.ok, 24);
  const { info, records } = await readRun(result.runDir);
  assert.equal(records.length, 24);
  assert.deepEqual(seqsOf(records), [...Array(24).keys()]);
  assert.deepEqual(seqsOf(seen), seqsOf(records));
  const perCell = new Map<string, number>();
  for (const r of records) {
    const key = `${r.memoryMB}/${r.iteration}/${r.payloadIndex}`;
    perCell.set(key, (perCell.get(key) ?? 0) + 1);
  }
  assert.equal(perCell.size, 2 * 2 * 3);
  assert.ok([...perCell.values()].every((n) => n === 2));
  // Memory was set per setting and put back at the end.
  assert.deepEqual(provider.configureCalls, [{ memoryMB: 256 }, { memoryMB: 512 }, { memoryMB: 128 }]);
  assert.equal((await provider.get('fn'))?.memoryMB, 128);

  const r = records.find((x) => x.seq === 0)!;
  assert.equal(r.runId, result.runId);
  assert.equal(r.experiment, 'test');
  assert.equal(r.function, 'fn');
  assert.equal(r.platform, 'docker');
  assert.equal(r.memoryMB, 256);
  assert.equal(r.warmup, true);
  assert.equal(r.retries, 0);
  assert.equal(r.status, 'ok');
  assert.equal(typeof r.uuid, 'string');
  assert.equal(r.latencyMs, r.roundTripMs - r.runtime!);
  assert.equal(r.cold, r.newcontainer === 1);
  assert.ok(r.clientEnd >= r.clientStart);
  assert.equal(records.filter((x) => !x.warmup).length, 12);

  assert.equal(info.status, 'completed');
  assert.equal(info.experimentFile, '/x/test.experiment.json');
  assert.deepEqual(info.counts, result.counts);
  assert.ok(info.endedAt);
});

test('closed loop: calls in flight reach and never exceed threads', async () => {
  const { provider, registry, runsDir } = setup({ defaultSleepMs: 30 });
  const result = await run(spec({ runs: 40, threads: 8 }), registry, runsDir);
  assert.equal(result.status, 'completed');
  const stats = await provider.stats();
  assert.equal(stats.maxInFlight, 8);
  const { records } = await readRun(result.runDir);
  assert.deepEqual(
    [...new Set(records.map((r) => r.thread))].sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7],
  );
  // Each thread made its 5 calls one after the other.
  for (let t = 0; t < 8; t++) {
    const mine = records.filter((r) => r.thread === t).sort((a, b) => a.seq - b.seq);
    assert.equal(mine.length, 5);
    for (let i = 1; i < mine.length; i++) assert.ok(mine[i].clientStart >= mine[i - 1].clientEnd - 1);
  }
});

test('open loop: arrivals keep their schedule while calls are slower than the interval', async () => {
  const { provider, registry, runsDir } = setup({ defaultSleepMs: 150 });
  const result = await run(spec({ mode: 'open', rate: { rps: 100 }, runs: 60 }), registry, runsDir);
  assert.equal(result.status, 'completed');
  const { records } = await readRun(result.runDir);
  assert.equal(records.length, 60);
  const starts = records.map((r) => r.clientStart).sort((a, b) => a - b);
  const spanMs = starts[starts.length - 1] - starts[0];
  // 59 gaps of 10 ms: 590 ms as planned, so not a burst (0 ms); a busy event loop only stretches it.
  assert.ok(spanMs > 450, `arrivals spread over ${spanMs} ms`);
  // Not a closed loop either: the 9th arrival (due at 80 ms) started before the first 150 ms call answered.
  const firstEnd = Math.min(...records.map((r) => r.clientEnd));
  assert.ok(starts[8] < firstEnd, `9th start ${starts[8] - starts[0]} ms, first answer ${firstEnd - starts[0]} ms`);
  // A closed loop would never overlap; arrivals every 10 ms of 150 ms calls overlap ~15 deep.
  assert.ok((await provider.stats()).maxInFlight >= 8);
  assert.ok(records.every((r) => r.thread === 0));
});

test('open loop: maxInFlight caps calls in flight and the shortfall is reported', async () => {
  const { provider, registry, runsDir } = setup({ defaultSleepMs: 100 });
  const result = await run(spec({ mode: 'open', rate: { rps: 1000 }, runs: 30, maxInFlight: 5 }), registry, runsDir);
  assert.equal(result.counts.ok, 30);
  assert.equal((await provider.stats()).maxInFlight, 5);
  assert.match(result.problems.join('\n'), /arrival\(s\) waited because maxInFlight \(5\) calls were in flight/);
});

test('burst: a thousand calls in flight at once from one process', async () => {
  const { provider, registry, runsDir } = setup({ holdUntilInFlight: 1000, holdTimeoutMs: 60_000 });
  const result = await run(spec({ mode: 'burst', runs: 1000 }), registry, runsDir);
  assert.equal(result.status, 'completed');
  assert.equal(result.counts.ok, 1000);
  // The stub answers only once 1000 calls are waiting (or after its hold time runs out).
  assert.equal((await provider.stats()).maxInFlight, 1000);
});

test('throttled calls are retried with backoff and each record counts its retries', async () => {
  const { provider, registry, runsDir } = setup({ throttleFirst: 6 });
  const seenRetries: number[] = [];
  const result = await run(spec({ runs: 4, threads: 2, retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 4 } }), registry, runsDir, {
    onProgress: (p) => seenRetries.push(p.retries),
  });
  assert.equal(result.status, 'completed');
  assert.equal(result.counts.ok, 4);
  assert.equal(result.counts.retries, 6);
  const { records } = await readRun(result.runDir);
  assert.equal(
    records.reduce((n, r) => n + r.retries, 0),
    6,
  );
  assert.equal((await provider.stats()).throttled, 6);
  assert.equal(Math.max(...seenRetries), 6);
});

test('after maxRetries a throttled call is recorded as throttled and the run goes on', async () => {
  const { registry, runsDir } = setup({ throttleFirst: 3 });
  const result = await run(spec({ runs: 3, threads: 1, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } }), registry, runsDir);
  assert.equal(result.status, 'completed-with-errors');
  const { records } = await readRun(result.runDir);
  const bySeq = records.sort((a, b) => a.seq - b.seq);
  assert.equal(bySeq[0].status, 'throttled');
  assert.equal(bySeq[0].retries, 2);
  assert.equal(bySeq[0].errorType, 'Throttled');
  assert.deepEqual(
    bySeq.slice(1).map((r) => r.status),
    ['ok', 'ok'],
  );
  assert.equal(result.counts.throttled, 1);
});

test('errors and client-side timeouts are recorded and the run goes on', async () => {
  const { registry, runsDir } = setup();
  const s = spec({ runs: 6, threads: 2, timeoutS: 0.1, payloads: [{}, { fail: 'boom' }, { sleepMs: 2000 }] });
  const result = await run(s, registry, runsDir);
  assert.equal(result.status, 'completed-with-errors');
  assert.deepEqual(
    { ok: result.counts.ok, errors: result.counts.errors, timeouts: result.counts.timeouts },
    { ok: 2, errors: 2, timeouts: 2 },
  );
  const { records } = await readRun(result.runDir);
  const failed = records.find((r) => r.status === 'error')!;
  assert.equal(failed.error, 'boom');
  assert.equal(failed.errorType, 'HandlerError');
  const timedOut = records.find((r) => r.status === 'timeout')!;
  assert.equal(timedOut.errorType, 'Timeout');
  assert.match(timedOut.error ?? '', /No answer within 0.1 s/);
  // Given up at the 0.1 s limit, not when the 2 s call would have answered: no answer (no metrics) came.
  assert.ok(timedOut.roundTripMs >= 95, `${timedOut.roundTripMs} ms`);
  assert.equal(timedOut.runtime, undefined);
  assert.equal(timedOut.uuid, undefined);
});

test('keepGoingOnError false stops issuing after the first failed call and the run fails', async () => {
  const { registry, runsDir } = setup();
  const result = await run(spec({ runs: 20, threads: 1, keepGoingOnError: false, payloads: [{}, {}, { fail: true }] }), registry, runsDir);
  assert.equal(result.status, 'failed');
  assert.equal(result.counts.recorded, 3);
  assert.match(result.problems.join('\n'), /keepGoingOnError is false and call 2 ended error/);
});

test('a memory setting the platform refuses is recorded in run.json and skipped; the others run', async () => {
  const { registry, runsDir } = setup({}, { refuseMemoryMB: [256] });
  const result = await run(spec({ memorySettings: [128, 256, 512], runs: 2, threads: 1 }), registry, runsDir);
  assert.equal(result.status, 'completed-with-errors');
  assert.equal(result.counts.skipped, 2);
  const { info, records } = await readRun(result.runDir);
  assert.deepEqual(info.memorySettingErrors, [{ platform: 'docker', memoryMB: 256, error: '256 MB is not a memory size this platform offers' }]);
  assert.deepEqual([...new Set(records.map((r) => r.memoryMB))].sort(), [128, 512]);
});

test('coldStart recycles instances before each iteration so each worker starts cold', async () => {
  // Calls long enough that both workers' first calls overlap and each needs an instance of its own.
  const { provider, registry, runsDir } = setup({ defaultSleepMs: 50 });
  const result = await run(spec({ coldStart: true, iterations: 3, runs: 6, threads: 2 }), registry, runsDir);
  assert.equal(provider.recycles, 3);
  const { records } = await readRun(result.runDir);
  for (let i = 0; i < 3; i++) {
    const cold = records.filter((r) => r.iteration === i && r.cold);
    assert.equal(cold.length, 2, `iteration ${i}: one cold start per worker`);
  }
});

test('cancel keeps every completed record, leaves in-flight calls out, and says cancelled; resume completes it', async () => {
  const { registry, runsDir } = setup({ defaultSleepMs: 40 });
  const s = spec({ runs: 40, threads: 4, iterations: 2 });
  const controller = new AbortController();
  const seen: InvocationRecord[] = [];
  const result = await run(s, registry, runsDir, {
    signal: controller.signal,
    onRecord: (r) => {
      seen.push(r);
      if (seen.length === 10) controller.abort();
    },
  });
  assert.equal(result.status, 'cancelled');
  const first = await readRun(result.runDir);
  assert.equal(first.info.status, 'cancelled');
  assert.deepEqual(seqsOf(first.records), seqsOf(seen));
  assert.ok(first.records.length >= 10 && first.records.length < 80);
  assert.equal(result.counts.recorded, first.records.length);

  const resumed = await run(s, registry, runsDir, { resume: result.runDir });
  assert.equal(resumed.status, 'completed');
  assert.equal(resumed.runDir, result.runDir);
  const all = await readRun(result.runDir);
  assert.deepEqual(seqsOf(all.records), [...Array(80).keys()]);
  assert.equal(all.info.status, 'completed');
  assert.equal(all.info.counts.recorded, 80);
  assert.equal(all.info.resumedAt?.length, 1);
});

test('resume after a kill: a torn last line is dropped and its call made again, with no duplicates', async () => {
  const { registry, runsDir } = setup();
  const s = spec({ runs: 30, threads: 3 });
  const result = await run(s, registry, runsDir);
  const file = path.join(result.runDir, 'invocations.jsonl');
  const text = readFileSync(file, 'utf8');
  // As if killed while writing the 13th line: 12 whole lines and half of the next survive.
  const lines = text.split('\n');
  const keep = lines.slice(0, 12).join('\n') + '\n' + lines[12].slice(0, lines[12].length >> 1);
  truncateSync(file, Buffer.byteLength(keep));
  const infoFile = path.join(result.runDir, 'run.json');
  writeFileSync(infoFile, JSON.stringify({ ...(await readRunInfo(result.runDir)), status: 'running' }));
  const torn = await readRun(result.runDir);
  assert.equal(torn.records.length, 12);
  assert.match(torn.problems[0], /last line is incomplete/);

  const resumed = await run(s, registry, runsDir, { resume: result.runDir });
  assert.equal(resumed.status, 'completed');
  const all = await readRun(result.runDir);
  assert.deepEqual(all.problems, []);
  assert.deepEqual(seqsOf(all.records), [...Array(30).keys()]);
  assert.equal(resumed.counts.recorded, 30);
});

test('a budget the estimate exceeds refuses the run before it starts and explains the estimate', async () => {
  const { registry, runsDir } = setup({}, { id: 'aws', timeoutS: 30 });
  const s = spec({ platform: 'aws', runs: 1000, threads: 10, memorySettings: [1024], budgetUSD: 0.05 });
  await assert.rejects(run(s, registry, runsDir), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.match(err.message, /^Estimated cost \$0\.5\d+ is above budgetUSD \$0\.05, so the run did not start\./);
    assert.match(err.message, /1000 calls at the function's timeout per call \(30 s\), an upper bound; set expectedDurationMs for a closer estimate/);
    assert.match(err.message, /aws 1024 MB: 1000 calls × 30000 ms = \$/);
    return true;
  });
  assert.equal(existsSync(runsDir), false, 'no run folder for a refused run');
  const cheap = await run({ ...s, expectedDurationMs: 10, runs: 10 }, registry, runsDir);
  assert.equal(cheap.status, 'completed');
});

test('a function that is not deployed is a clear UserError', async () => {
  const { registry, runsDir } = setup();
  const s = { ...spec({}), function: 'missing' };
  await assert.rejects(run(s, registry, runsDir), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.equal(err.message, "Function 'missing' is not deployed on docker: deploy it first (faas-lab deploy <file> --platform docker)");
    return true;
  });
  const other = { ...spec({}), platforms: ['gcp' as PlatformId] };
  await assert.rejects(run(other, registry, runsDir), /Platform 'gcp' is not available/);
});

test('progress reports totals, phase and rate', async () => {
  const { registry, runsDir } = setup({ defaultSleepMs: 5 });
  const phases = new Set<string>();
  let last: { total: number; done: number } | undefined;
  await run(spec({ memorySettings: [256], iterations: 2, runs: 4, threads: 2 }), registry, runsDir, {
    onProgress: (p) => {
      phases.add(p.phase);
      last = p;
    },
  });
  assert.ok(phases.has('docker · 256 MB · iteration 1/2'));
  assert.ok(phases.has('docker · 256 MB · iteration 2/2'));
  assert.deepEqual({ total: last?.total, done: last?.done }, { total: 8, done: 8 });
});
