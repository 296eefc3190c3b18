// A run as the files FaaS Runner writes into its output folder (-o, ./history by default): per
// memory setting and iteration `<function>-<experiment>-<memory>MBs-run<i>.csv` with a folder of
// its runs as JSON (what compile_results.py reads back), and with combineSheets one
// `...-COMBINED.csv` over the iterations after warmupBuffer. An existing name gets -1, -2, ... as
// FaaS Runner does, so nothing is overwritten.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { FaasRunnerReportSettings } from '../../experiment/report-keys';
import { FaasRunnerPayloadPool, planExperiment } from '../../experiment/plan';
import { pythonJsonDumps } from '../python-json';
import type { InvocationRecord } from '../record';
import type { RunInfo } from '../run-info';
import { faasRunnerReport, type ReportHeader } from './report';
import { faasRunnerRun, type FaasRunnerRun } from './runs';

export interface FaasRunnerFile {
  /** File name without `.csv`. */
  baseName: string;
  text: string;
  /** Its runs as JSON texts, one file each beside it (per-iteration reports only), as they stood when it was written. */
  runFiles?: string[];
}

export function faasRunnerFiles(info: RunInfo, records: readonly InvocationRecord[], settings: FaasRunnerReportSettings): FaasRunnerFile[] {
  const spec = info.spec;
  const plan = planExperiment(spec);
  // A call's nested calls share its seq: the call itself is the one FaaS Runner knows.
  const bySeq = new Map(records.filter((r) => r.parentId === undefined).map((r) => [r.seq, r]));
  const keys = settings.keys;
  const files: FaasRunnerFile[] = [];
  const memoryCount = Math.max(1, spec.memorySettings.length);
  const sumIterations = spec.iterations * memoryCount;
  const combine = settings.combineSheets && !(spec.warmupBuffer > sumIterations || sumIterations === 1);
  for (const platform of spec.platforms) {
    const pool = new FaasRunnerPayloadPool(spec, plan.payloads.length);
    const prefix = `${spec.function}-${spec.platforms.length > 1 ? `${platform}-` : ''}${spec.experimentName}`;
    const endpoint = platform === 'http' && spec.endpoint ? spec.endpoint : spec.function;
    for (let memoryIndex = 0; memoryIndex < memoryCount; memoryIndex++) {
      const iterations = [...plan.iterations()].filter((it) => it.platform === platform && it.memoryIndex === memoryIndex);
      const runLists: (FaasRunnerRun[] | undefined)[] = [];
      let lastRecords: InvocationRecord[] = [];
      for (const it of iterations) {
        pool.nextIteration();
        // Completion order, as FaaS Runner's threads append their results.
        const mine = [...it.calls()].map((c) => bySeq.get(c.seq)).filter((r): r is InvocationRecord => r !== undefined).sort((a, b) => a.clientEnd - b.clientEnd);
        const runs = mine.map((r) => faasRunnerRun(r, { payloads: plan.payloads, endpoint })).filter((r): r is FaasRunnerRun => r !== undefined);
        runLists.push(runs.length > 0 ? runs : undefined);
        if (runs.length === 0) continue;
        lastRecords = mine;
        const text = faasRunnerReport(runs, keys, header(spec.runs, spec.threads, pool.list().map((i) => plan.payloads[i]), mine));
        // Taken now: the combined report goes on to change these runs (iteration, vmID[iteration]).
        files.push({ baseName: `${prefix}-${it.memoryMB}MBs-run${it.iteration}`, text, runFiles: runs.map(pythonJsonDumps) });
      }
      if (!combine) continue;
      const combined: FaasRunnerRun[] = [];
      runLists.forEach((runs, i) => {
        if (i <= spec.warmupBuffer - 1 || !runs) return;
        for (const run of runs) {
          run.iteration = i;
          if ('vmID' in run) run['vmID[iteration]'] = `${run.vmID}[${i}]`;
        }
        combined.push(...runs);
      });
      if (combined.length === 0) continue;
      const text = faasRunnerReport(combined, keys, header(spec.runs, spec.threads, pool.list().map((i) => plan.payloads[i]), lastRecords));
      files.push({ baseName: `${prefix}-${iterations[0]?.memoryMB ?? 0}MBs-COMBINED`, text });
    }
  }
  return files;
}

function header(runs: number, threads: number, payloadList: unknown[], records: readonly InvocationRecord[]): ReportHeader {
  const endMs = records.reduce((m, r) => Math.max(m, r.clientEnd), 0);
  return { runs, threads, payloadList, writtenAt: pythonDatetime(new Date(endMs)) };
}

/** str(datetime.datetime.now()): local time, microseconds only when not zero. */
function pythonDatetime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return d.getMilliseconds() === 0 ? base : `${base}.${String(d.getMilliseconds() * 1000).padStart(6, '0')}`;
}

/** Writes the files into `outDir` as FaaS Runner's write_file does; returns the .csv paths written. */
export async function writeFaasRunnerFiles(outDir: string, files: readonly FaasRunnerFile[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    let base = path.join(outDir, file.baseName);
    if (existsSync(`${base}.csv`)) {
      let n = 1;
      while (existsSync(`${base}-${n}.csv`)) n++;
      base = `${base}-${n}`;
    }
    if (file.runFiles && file.runFiles.length > 0 && !existsSync(base)) {
      await mkdir(base);
      await Promise.all(file.runFiles.map((json, i) => writeFile(path.join(base, `run${i}-${randomUUID()}.json`), json)));
    }
    await writeFile(`${base}.csv`, file.text);
    written.push(`${base}.csv`);
  }
  return written;
}
