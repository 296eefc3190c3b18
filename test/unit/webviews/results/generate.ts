// Deterministic, realistic-looking run records for the results explorer's tests: closed-loop
// workers calling one function at several memory sizes, a cold start per new instance, runtime
// falling with memory, a long right tail, a few errors, and SAAF CPU deltas.
import type { PlatformId } from '../../../../src/core/model';
import type { InvocationRecord } from '../../../../src/core/results/record';

export interface GenerateOptions {
  count: number;
  memorySizes?: number[];
  platform?: PlatformId;
  threads?: number;
  /** Multiplies every runtime (e.g. 0.8: the "after" of a 20% faster code change). */
  speed?: number;
  seed?: number;
  warmupPerSize?: number;
  startMs?: number;
}

/** Mulberry32: small, fast, seedable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateRecords(options: GenerateOptions): InvocationRecord[] {
  const sizes = options.memorySizes ?? [128, 256, 512, 1024];
  const platform = options.platform ?? 'aws';
  const threads = options.threads ?? 8;
  const speed = options.speed ?? 1;
  const warmup = options.warmupPerSize ?? 0;
  const rand = random(options.seed ?? 1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const perSize = Math.ceil(options.count / sizes.length);
  const records: InvocationRecord[] = [];
  let clock = options.startMs ?? Date.UTC(2026, 10, 23, 9, 0, 0);
  let seq = 0;
  for (const memoryMB of sizes) {
    const workerFree = new Array<number>(threads).fill(clock);
    const warmInstances = new Set<number>();
    const total = Math.min(perSize, options.count - records.length + warmup) + warmup;
    for (let i = 0; i < total; i++) {
      const thread = i % threads;
      // Now and then the platform recycles an instance: the worker's next call is cold again.
      if (rand() < 0.003) warmInstances.delete(thread);
      const cold = !warmInstances.has(thread);
      warmInstances.add(thread);
      const base = (60 * speed * 1024) / memoryMB;
      const runtime = Math.max(1, base * Math.exp(0.25 * normal()) + (rand() < 0.01 ? base * 4 * rand() : 0));
      const init = cold ? 180 + 60 * rand() : 0;
      const network = 18 + 6 * Math.exp(0.3 * normal());
      const status = rand() < 0.004 ? 'error' : 'ok';
      const clientStart = workerFree[thread]! + 2 * rand();
      const roundTripMs = runtime + init + network;
      const clientEnd = clientStart + roundTripMs;
      workerFree[thread] = clientEnd;
      const ticks = runtime / 10;
      records.push({
        runId: 'hello/2026-11-23T09-00-00-000Z',
        experiment: 'hello',
        function: 'hello',
        platform,
        memoryMB,
        iteration: i,
        thread,
        seq: seq++,
        payloadIndex: 0,
        warmup: i < warmup,
        clientStart,
        clientEnd,
        roundTripMs,
        latencyMs: roundTripMs - runtime,
        status,
        ...(status === 'error' ? { error: 'boom', errorType: 'HandlerError' } : {}),
        cold,
        newcontainer: cold ? 1 : 0,
        runtime,
        ...(platform === 'aws' ? { billedDurationMs: Math.ceil(runtime), ...(cold ? { initDurationMs: init } : {}) } : {}),
        cpuUserDelta: Math.round(ticks * (0.6 + 0.1 * rand()) * 100) / 100,
        cpuKernelDelta: Math.round(ticks * (0.15 + 0.05 * rand()) * 100) / 100,
        cpuIdleDelta: Math.round(ticks * (0.2 + 0.1 * rand()) * 100) / 100,
        cpuIOWaitDelta: Math.round(ticks * 0.02 * rand() * 100) / 100,
        cpuStealDelta: 0,
        retries: 0,
      });
    }
    clock = Math.max(...workerFree) + 500;
  }
  return records;
}

export function runInfo(experiment = 'hello', startedAt = '2026-11-23T09:00:00.000Z') {
  return { runId: `${experiment}/2026-11-23T09-00-00-000Z`, experiment, startedAt, endedAt: '2026-11-23T09:10:00.000Z', status: 'completed', platforms: ['aws'] };
}
