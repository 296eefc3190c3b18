import type { CpuColumnNames } from '../../core/results/csv';
import { writeRunCsv, writeRunCsvFile } from '../../core/results/run-csv';
import { readRun, readRunInfo, resolveRun } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { parse, UsageError } from '../args';
import type { Command } from '../context';
import { exportFaasRunner } from '../faas-runner-output';
import { Exit } from '../io';

const USAGE =
  'faas-lab export [<run> | latest] --csv [--out <file.csv>] [--cpu-names faaset|faas-runner]\n' +
  '       faas-lab export [<run> | latest] --format faas-runner [--out <folder>] [--experiment <file.json>]';

/** --cpu-names: FaaSET's (SAAF Python Inspector: cpuUserDelta, ...) or FaaS Runner's Java/Node.js ones (cpuUsrDelta, ...). */
const CPU_NAMES: Record<string, CpuColumnNames> = { faaset: 'saafPython', 'faas-runner': 'faasRunner' };

export const exportCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(
    argv,
    {
      csv: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      'cpu-names': { type: 'string' },
      experiment: { type: 'string' },
    },
    USAGE,
  );
  const format = values.format ?? (values.csv ? 'csv' : undefined);
  if (format !== 'csv' && format !== 'faas-runner') {
    throw new UsageError(`Say the format: --csv (one row per call, FaaSET / SAAF column names) or --format faas-runner (FaaS Runner's report files)\nusage: ${USAGE}`);
  }
  if (positionals.length > 1) throw new UsageError(`export takes one run\nusage: ${USAGE}`);
  const runDir = await resolveRun(runsDirOf(ctx.root), positionals[0] ?? 'latest');
  if (format === 'faas-runner') {
    // FaaS Runner's group summaries need every row of a group: this format holds the run's records.
    const { info, records, problems } = await readRun(runDir);
    for (const p of problems) ctx.io.err(p);
    await exportFaasRunner(ctx, info, records, values.out ?? 'history', values.experiment);
    return Exit.ok;
  }
  const info = await readRunInfo(runDir);
  const cpuNames = CPU_NAMES[values['cpu-names'] ?? 'faaset'];
  if (!cpuNames) throw new UsageError(`--cpu-names: '${values['cpu-names']}' is not one of faaset, faas-runner\nusage: ${USAGE}`);
  const problem = (p: string) => ctx.io.err(p);
  // Rows are written as the records are parsed: the run is never held.
  if (!values.out) {
    // Each line already ends in CRLF; write() waits for a slow reader of the pipe.
    const io = ctx.io;
    await writeRunCsv(runDir, info, cpuNames, io.write ? (line) => io.write!(line) : (line) => io.out(line), problem);
    return Exit.ok;
  }
  const rows = await writeRunCsvFile(runDir, info, cpuNames, values.out, problem);
  ctx.io.err(`Wrote ${rows} records to ${values.out}`);
  return Exit.ok;
};
