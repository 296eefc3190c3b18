// The run store's record appends: the batched async queue (RunWriter) beside the former one
// writeSync per record, at a steady 5,000 records/s (event-loop delay) and flat out (records/s).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseExperiment } from '../../src/core/experiment/parse';
import type { InvocationRecord } from '../../src/core/results/record';
import { createRun } from '../../src/core/results/store';
import { fmt } from './stats';

const RATE_PER_S = 5000;
const PACED_RECORDS = 15_000;
const FLAT_OUT_RECORDS = 50_000;

type Append = (record: InvocationRecord) => Promise<void> | void;

interface Sink {
  append: Append;
  close(): Promise<void> | void;
}

export async function benchStore(): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-store-'));
  try {
    const lines = [`run store: appends of a ${JSON.stringify(sampleRecord(0)).length}-byte record; paced at ${RATE_PER_S}/s for ${PACED_RECORDS / RATE_PER_S} s, then ${FLAT_OUT_RECORDS} flat out`];
    const idle = await paced5k({ append: () => undefined, close: () => undefined });
    lines.push(`  the pacing loop alone (no appends): event-loop delay p99 ${fmt(idle.p99Ms)}, max ${fmt(idle.maxMs)}`);
    for (const kind of ['queue', 'writeSync'] as const) {
      const paced = await paced5k(await openSink(kind, dir));
      const rate = await flatOut(await openSink(kind, dir));
      const label = kind === 'queue' ? 'batched async queue ' : 'writeSync (baseline)';
      lines.push(`  ${label} ${rate.toFixed(0)} records/s flat out · at ${RATE_PER_S}/s: event-loop delay p99 ${fmt(paced.p99Ms)}, max ${fmt(paced.maxMs)}`);
    }
    lines.push('  queue: a record counts once its write() returned (kill -9 safe); fdatasync once a second and on close');
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openSink(kind: 'queue' | 'writeSync', dir: string): Promise<Sink> {
  const { spec } = parseExperiment(path.join(dir, 'bench.experiment.json'), '{"function": "hello", "runs": 1}');
  const writer = await createRun({ runsDir: dir, spec: spec!, planned: 0 });
  if (kind === 'queue') return writer;
  // The store's former append: one blocking write per record on the calling thread.
  await writer.close();
  const fd = openSync(path.join(writer.runDir, 'baseline.jsonl'), 'a');
  return {
    append: (record) => void writeSync(fd, JSON.stringify(record) + '\n'),
    close: () => closeSync(fd),
  };
}

/** Records at a steady rate, each awaited as the runner awaits it, while the event loop's delay is sampled. */
async function paced5k(sink: Sink): Promise<{ p99Ms: number; maxMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const pending: Promise<void>[] = [];
  const start = performance.now();
  delay.enable();
  for (let issued = 0; issued < PACED_RECORDS; ) {
    const due = Math.min(PACED_RECORDS, Math.floor(((performance.now() - start) / 1000) * RATE_PER_S));
    for (; issued < due; issued++) pending.push(Promise.resolve(sink.append(sampleRecord(issued))));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  delay.disable();
  await sink.close();
  return { p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 };
}

async function flatOut(sink: Sink): Promise<number> {
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let seq = 0; seq < FLAT_OUT_RECORDS; seq++) pending.push(Promise.resolve(sink.append(sampleRecord(seq))));
  await Promise.all(pending);
  await sink.close();
  return (FLAT_OUT_RECORDS / (performance.now() - start)) * 1000;
}

function sampleRecord(seq: number): InvocationRecord {
  const clientStart = Date.now();
  return {
    runId: 'bench/2026-01-01T00-00-00-000Z',
    experiment: 'bench',
    function: 'hello',
    platform: 'local',
    memoryMB: 512,
    iteration: 0,
    thread: seq % 100,
    seq,
    payloadIndex: 0,
    warmup: false,
    clientStart,
    clientEnd: clientStart + 12,
    roundTripMs: 12.345,
    latencyMs: 1.234,
    status: 'ok',
    retries: 0,
    uuid: '6f1c2a9e-3b7d-4e15-9a0c-2d8f4b6e1a73',
    newcontainer: 0,
    runtime: 11.111,
    cpuType: 'x86_64',
    cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz',
    lang: 'node',
    cpuUserDelta: 3,
    cpuKernelDelta: 1,
    contextSwitchesDelta: 12,
    functionMemory: 512,
  };
}
