// The run store: one folder per run, `<runsDir>/<experiment>/<timestamp>/`, holding run.json and
// invocations.jsonl. Records are appended as they arrive through an AppendQueue (batched async
// writes): an append resolves once the OS has the record, so a killed process loses at most the
// calls not yet counted and at worst leaves a torn last line.
import { openSync, writeSync, ftruncateSync, fstatSync, readSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, stat, writeFile, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { ExperimentSpec } from '../experiment/spec';
import { UserError } from '../model';
import { makeStateSubdir } from '../state-dir';
import { AppendQueue } from './append-queue';
import type { InvocationRecord } from './record';
import { currentRunOwner } from './run-liveness';
import { RunSummaryBuilder, type RunSummary as RunStatistics, type SummaryOptions } from './summary';
import {
  FAAS_LAB_VERSION,
  describeClientHost,
  emptyCounts,
  type MemorySettingError,
  type RunCounts,
  type RunInfo,
  type RunStatus,
} from './run-info';

export const RUN_INFO_FILE = 'run.json';
export const RECORDS_FILE = 'invocations.jsonl';

export interface CreateRunOptions {
  runsDir: string;
  spec: ExperimentSpec;
  experimentFile?: string;
  /** Calls in the plan. */
  planned: number;
  faasLabVersion?: string;
  /** Start time; tests pin it. */
  now?: Date;
}

export class RunWriter {
  private queue: AppendQueue | undefined;

  constructor(
    readonly runDir: string,
    public info: RunInfo,
    fd: number,
  ) {
    this.queue = new AppendQueue(fd);
  }

  get runId(): string {
    return this.info.runId;
  }

  /**
   * Resolves once the record is in the file (the OS has it): count the call only then. Throws at
   * once when the run is closed.
   */
  append(record: InvocationRecord): Promise<void> {
    if (this.queue === undefined) throw new Error(`Run ${this.runId} is closed; no more records can be appended`);
    return this.queue.append(JSON.stringify(record) + '\n');
  }

  /** Writes the records appended so far without waiting for the store's batch window. */
  hurry(): void {
    this.queue?.hurry();
  }

  /** Rewrite run.json (temp file + rename, so a reader never sees half of it). */
  async saveInfo(): Promise<void> {
    await writeJsonAtomic(path.join(this.runDir, RUN_INFO_FILE), this.info);
  }

  async finish(
    status: RunStatus,
    counts: RunCounts,
    extra: { problems?: string[]; memorySettingErrors?: MemorySettingError[]; endedAt?: Date } = {},
  ): Promise<RunInfo> {
    this.info = {
      ...this.info,
      status,
      counts,
      endedAt: (extra.endedAt ?? new Date()).toISOString(),
      memorySettingErrors: extra.memorySettingErrors ?? this.info.memorySettingErrors,
    };
    if (extra.problems && extra.problems.length > 0) this.info.problems = extra.problems;
    else delete this.info.problems;
    await this.close();
    await this.saveInfo();
    return this.info;
  }

  /** Writes the records still queued, syncs them to the disk and closes the file. */
  async close(): Promise<void> {
    const queue = this.queue;
    this.queue = undefined;
    await queue?.close();
  }
}

export async function createRun(options: CreateRunOptions): Promise<RunWriter> {
  const now = options.now ?? new Date();
  const experiment = options.spec.experimentName;
  const experimentDir = path.join(options.runsDir, experiment);
  makeStateSubdir(experimentDir);
  const stamp = timestampName(now);
  let name = stamp;
  // Two runs started in the same millisecond get -2, -3... rather than sharing a folder.
  for (let n = 2; ; n++) {
    try {
      await mkdir(path.join(experimentDir, name), { mode: 0o700 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      name = `${stamp}-${n}`;
    }
  }
  const runDir = path.join(experimentDir, name);
  const info: RunInfo = {
    runId: `${experiment}/${name}`,
    experiment,
    spec: options.spec,
    platforms: options.spec.platforms,
    faasLabVersion: options.faasLabVersion ?? FAAS_LAB_VERSION,
    nodeVersion: process.version,
    client: describeClientHost(),
    startedAt: now.toISOString(),
    status: 'running',
    owner: currentRunOwner(),
    memorySettingErrors: [],
    counts: emptyCounts(options.planned),
  };
  if (options.experimentFile !== undefined) info.experimentFile = options.experimentFile;
  const writer = new RunWriter(runDir, info, openSync(path.join(runDir, RECORDS_FILE), 'a', 0o600));
  await writer.saveInfo();
  return writer;
}

/** Reopen a run to append to it (resume): a torn last line left by a killed process is cut off first. */
export async function reopenRun(runDir: string, now = new Date()): Promise<RunWriter> {
  const info = await readRunInfo(runDir);
  const fd = openSync(path.join(runDir, RECORDS_FILE), 'a+', 0o600);
  repairTail(fd);
  const writer = new RunWriter(runDir, { ...info, status: 'running', owner: currentRunOwner(), resumedAt: [...(info.resumedAt ?? []), now.toISOString()] }, fd);
  delete writer.info.endedAt;
  await writer.saveInfo();
  return writer;
}

/** `2026-11-23T08:30:00.123Z` -> `2026-11-23T08-30-00-123Z`: sorts by time and is a valid folder name everywhere. */
export function timestampName(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}

export interface ReadRunResult {
  info: RunInfo;
  records: InvocationRecord[];
  /** Lines skipped and why (e.g. the torn last line of a killed run). */
  problems: string[];
}

/** The whole run in memory: for the results explorer's charts and resume; report, export and compare stream instead. */
export async function readRun(runDir: string): Promise<ReadRunResult> {
  const info = await readRunInfo(runDir);
  const problems: string[] = [];
  const records: InvocationRecord[] = [];
  await scanRecords(runDir, problems, (r) => void records.push(r));
  return { info, records, problems };
}

/** Streams a run folder's records into `sink` (a summary builder, an export); returns the lines it skipped and why. */
export async function feedRecords(runDir: string, sink: { add(record: InvocationRecord): void }): Promise<string[]> {
  const problems: string[] = [];
  await scanRecords(runDir, problems, (r) => sink.add(r));
  return problems;
}

/** A run's summary, its records streamed: report, apply and the end of a run hold no record. */
export async function summarizeRunFolder(runDir: string, options: SummaryOptions = {}): Promise<{ info: RunInfo; summary: RunStatistics; problems: string[] }> {
  const info = await readRunInfo(runDir);
  const builder = new RunSummaryBuilder(info, options);
  const problems = await feedRecords(runDir, builder);
  return { info, summary: builder.finish(), problems };
}

/** Bytes read from invocations.jsonl at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * The records of a run folder one at a time, in file order: `visit` sees each as it is parsed and
 * nothing keeps it after, so memory stays flat whatever the run's size (and no promise per record,
 * as a generator makes: the records die young, before a scavenge could promote them). After each
 * 1 MB chunk, `afterChunk` may hold the reading back (a writer's drain). Lines that are not JSON are
 * skipped and said in `problems` as they are met: a torn last line (a killed run) or a damaged one.
 * No records file: no records.
 */
export async function scanRecords(
  runDir: string,
  problems: string[],
  visit: (record: InvocationRecord) => void,
  afterChunk?: () => void | Promise<void>,
): Promise<void> {
  const lines = new RecordLines(problems);
  for await (const data of recordChunks(runDir)) {
    lines.feed(data, visit);
    if (afterChunk) await afterChunk();
  }
  lines.end(visit);
}

/** invocations.jsonl in chunks of CHUNK_BYTES; each chunk's bytes are valid until the next is asked for (one buffer, reused). */
async function* recordChunks(runDir: string): AsyncGenerator<Buffer> {
  let file: FileHandle;
  try {
    file = await open(path.join(runDir, RECORDS_FILE), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** Splits chunks into lines, each scanned for once (a line split over chunks is carried, not rescanned), and parses them. */
class RecordLines {
  /** The start of a line the previous chunks ended inside of. */
  private carry: Buffer[] = [];
  private line = 0;

  constructor(private readonly problems: string[]) {}

  /** The records of the lines `data` completes; keeps a copy of its unfinished last line (the chunk's buffer is reused). */
  feed(data: Buffer, visit: (record: InvocationRecord) => void): void {
    let start = 0;
    for (let nl = data.indexOf(10, 0); nl >= 0; nl = data.indexOf(10, start)) {
      let text: string;
      if (this.carry.length > 0) {
        text = Buffer.concat([...this.carry, data.subarray(start, nl)]).toString('utf8');
        this.carry = [];
      } else text = data.toString('utf8', start, nl);
      const record = parseLine(text, this.line++, false, this.problems);
      if (record) visit(record);
      start = nl + 1;
    }
    if (start < data.length) this.carry.push(Buffer.from(data.subarray(start)));
  }

  /** The last line, when the file does not end with a line end. */
  end(visit: (record: InvocationRecord) => void): void {
    if (this.carry.length === 0) return;
    const record = parseLine(Buffer.concat(this.carry).toString('utf8'), this.line, true, this.problems);
    this.carry = [];
    if (record) visit(record);
  }
}

/** One line of invocations.jsonl; `last`: it has no line end (the writer may have been killed inside it). */
function parseLine(text: string, index: number, last: boolean, problems: string[]): InvocationRecord | undefined {
  try {
    return JSON.parse(text) as InvocationRecord;
  } catch {
    if (text.trim() === '') return undefined;
    problems.push(
      last
        ? `${RECORDS_FILE}: the last line is incomplete (the run was stopped while writing it); skipped`
        : `${RECORDS_FILE}: line ${index + 1} is not valid JSON; skipped`,
    );
    return undefined;
  }
}

export async function readRunInfo(runDir: string): Promise<RunInfo> {
  const file = path.join(runDir, RUN_INFO_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${runDir} is not a FaaS Lab run: it has no ${RUN_INFO_FILE}`);
    throw err;
  }
  try {
    return JSON.parse(text) as RunInfo;
  } catch (err) {
    throw new UserError(`${file} is not valid JSON (${(err as Error).message}); the run's records are still in ${RECORDS_FILE}`);
  }
}

export interface RunSummary {
  runDir: string;
  runId: string;
  experiment: string;
  platforms: RunInfo['platforms'];
  startedAt: string;
  endedAt?: string;
  status: RunStatus;
  counts: RunCounts;
}

/** Every run under runsDir, newest first. Folders without a readable run.json are left out. */
export async function listRuns(runsDir: string): Promise<RunSummary[]> {
  const out: RunSummary[] = [];
  for (const experiment of await subdirectories(runsDir)) {
    for (const name of await subdirectories(path.join(runsDir, experiment))) {
      const runDir = path.join(runsDir, experiment, name);
      try {
        const info = await readRunInfo(runDir);
        out.push({
          runDir,
          runId: info.runId,
          experiment: info.experiment,
          platforms: info.platforms,
          startedAt: info.startedAt,
          ...(info.endedAt ? { endedAt: info.endedAt } : {}),
          status: info.status,
          counts: info.counts,
        });
      } catch {
        // Not a run (or a run.json being written for the first time): nothing to list.
      }
    }
  }
  return out.sort((a, b) => (a.startedAt === b.startedAt ? b.runDir.localeCompare(a.runDir) : b.startedAt.localeCompare(a.startedAt)));
}

/**
 * A run folder from what a user types: a run folder path, `<experiment>/<timestamp>`,
 * `<experiment>` (its latest run) or `latest` (the newest run of all).
 */
export async function resolveRun(runsDir: string, ref: string): Promise<string> {
  const hint = `pass a run folder, <experiment>/<timestamp>, <experiment> (its latest run) or latest`;
  if (ref === 'latest') {
    const newest = (await listRuns(runsDir))[0];
    if (!newest) throw new UserError(`No runs in ${runsDir} yet: run an experiment first`);
    return newest.runDir;
  }
  for (const candidate of [path.resolve(ref), path.join(runsDir, ref)]) {
    if (await isFile(path.join(candidate, RUN_INFO_FILE))) return candidate;
  }
  const experimentDir = path.join(runsDir, ref);
  if (await isDirectory(experimentDir)) {
    const newest = (await listRuns(runsDir)).find((r) => path.dirname(r.runDir) === experimentDir);
    if (newest) return newest.runDir;
    throw new UserError(`Experiment '${ref}' has no runs in ${runsDir} yet: run it first`);
  }
  throw new UserError(`No run '${ref}' in ${runsDir}: ${hint}`);
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  // Owner only: run files may hold payloads and responses.
  await writeFile(temp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, file);
}

/** Cut a torn last line (no newline, not JSON) so the next append starts on a line of its own. */
function repairTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  // Find the last newline, reading backwards in chunks (bytes, so UTF-8 never splits).
  const chunk = Buffer.alloc(64 * 1024);
  let lineStart = 0;
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) {
      lineStart = start + nl + 1;
      break;
    }
    end = start;
  }
  const tail = Buffer.alloc(size - lineStart);
  readSync(fd, tail, 0, tail.length, lineStart);
  if (isJson(tail.toString('utf8'))) writeSync(fd, '\n');
  else ftruncateSync(fd, lineStart);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
