// The run store: record appends (the batched async queue beside the former one writeSync per
// record, at a steady 5,000 records/s and flat out), then reading runs of 10k, 100k and 1M records
// back — `faas-lab report` and `export --csv`, each in a child process (peak RSS from the child's
// own process.resourceUsage(), wall time from spawn to exit) beside a minimal streaming baseline:
// a `readline` loop that JSON.parses every line of the same file.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** Issue #17's figures for `report` on 100,000 records before the store streamed, and its target. */
const READ_BASELINE = { reportRssMB: 270, pythonRssMB: 26, targetRssMB: 80 };
const READ_SIZES = [10_000, 100_000, 1_000_000];

export async function benchStore(repo?: string): Promise<string[]> {
  const lines = await benchAppends();
  if (repo) lines.push(...(await benchReads(repo)));
  return lines;
}

async function benchAppends(): Promise<string[]> {
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

interface ChildFigures {
  rssMB: number;
  wallMs: number;
}

/** Runs `node <args>` with a preload that reports the child's peak RSS on fd 3 as it exits. */
function measureChild(preload: string, args: string[]): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', preload, ...args], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let report = '';
    let stderr = '';
    child.stdio[3]!.on('data', (d: Buffer) => (report += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      // maxRSS is in kilobytes (getrusage's ru_maxrss).
      resolve({ rssMB: (JSON.parse(report) as { maxRSS: number }).maxRSS / 1024, wallMs });
    });
  });
}

const PRELOAD = `process.on('exit', () => { try { require('node:fs').writeSync(3, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS })); } catch {} });\n`;

/** The streaming baseline: every line parsed, nothing kept. */
const READLINE_LOOP = `const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0; rl.on('line', (l) => { if (l) { JSON.parse(l); n++; } }); rl.on('close', () => { if (n === 0) process.exit(1); });`;

async function benchReads(repo: string): Promise<string[]> {
  const cli = path.join(repo, 'dist/cli.js');
  if (!existsSync(cli)) return ['run store reads: skipped (dist/cli.js missing: npm run build)'];
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-read-'));
  const lines = [
    `run store reads (each in a child: peak RSS · wall time; issue #17: report of 100k records ${READ_BASELINE.reportRssMB} MB before, a streaming Python script ${READ_BASELINE.pythonRssMB} MB, target ≤ ${READ_BASELINE.targetRssMB} MB):`,
  ];
  try {
    const preload = path.join(dir, 'max-rss.js');
    writeFileSync(preload, PRELOAD);
    for (const n of READ_SIZES) {
      const runDir = path.join(dir, `bench-${n}`);
      const bytes = writeBenchRun(runDir, n);
      const csv = path.join(dir, 'out.csv');
      const report = await measureChild(preload, [cli, 'report', runDir, '--root', dir]);
      const exported = await measureChild(preload, [cli, 'export', runDir, '--csv', '--out', csv, '--root', dir]);
      rmSync(csv, { force: true });
      const baseline = await measureChild(preload, ['-e', READLINE_LOOP, path.join(runDir, 'invocations.jsonl')]);
      const figure = (f: ChildFigures) => `${f.rssMB.toFixed(0)} MB · ${(f.wallMs / 1000).toFixed(2)} s`;
      lines.push(
        `  ${n.toLocaleString('en-US').padStart(9)} records (${(bytes / 1e6).toFixed(0)} MB): report ${figure(report)} · export --csv ${figure(exported)} · readline loop ${figure(baseline)}`,
      );
      rmSync(runDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

/** A run folder of `n` records as a sweep writes them (3 sizes, 2 payloads, some errors and cold starts), written in big blocks. */
export function writeBenchRun(runDir: string, n: number): number {
  mkdirSync(runDir, { recursive: true });
  const { spec } = parseExperiment(path.join(runDir, 'bench.experiment.json'), '{"function": "hello", "payloads": [{"n": 1}, {"n": 2}], "memorySettings": [128, 256, 512], "runs": 10}');
  const t0 = Date.UTC(2026, 0, 1);
  const info = {
    runId: 'bench/2026-01-01T00-00-00-000Z',
    experiment: 'bench',
    spec,
    platforms: ['local'],
    faasLabVersion: 'bench',
    nodeVersion: process.version,
    client: { hostname: 'bench', platform: 'linux', arch: 'x64', cpuModel: 'bench', cores: 1, totalMemoryMB: 1 },
    startedAt: new Date(t0).toISOString(),
    endedAt: new Date(t0 + n * 5).toISOString(),
    status: 'completed',
    memorySettingErrors: [],
    counts: { planned: n, recorded: n, ok: n, errors: 0, timeouts: 0, throttled: 0, retries: 0, skipped: 0 },
  };
  writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(info, null, 2));
  const fd = openSync(path.join(runDir, 'invocations.jsonl'), 'w');
  let bytes = 0;
  try {
    let block = '';
    for (let seq = 0; seq < n; seq++) {
      const r = sampleRecord(seq);
      const memoryMB = [128, 256, 512][seq % 3];
      const jitter = (seq * 7919) % 1000;
      Object.assign(r, {
        memoryMB,
        payloadIndex: (seq >> 1) % 2,
        clientStart: t0 + seq * 5,
        clientEnd: t0 + seq * 5 + 12 + (jitter % 20),
        roundTripMs: 12.345 + jitter / 100,
        runtime: 11.111 + jitter / 120,
        latencyMs: 1.234 + jitter / 600,
        status: seq % 97 === 0 ? 'error' : 'ok',
        cold: seq % 50 === 0,
        newcontainer: seq % 50 === 0 ? 1 : 0,
        uuid: `instance-${seq % 40}`,
        iteration: Math.floor(seq / 1000),
        response: { result: jitter, message: 'hello from the bench function', userRuntime: 10.5 },
      });
      block += JSON.stringify(r) + '\n';
      if (block.length > 4_000_000) {
        bytes += writeSync(fd, block);
        block = '';
      }
    }
    bytes += writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
