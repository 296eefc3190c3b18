import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLines, type CpuColumnNames } from '../../core/results/csv';
import { runCsvOptions } from '../../core/results/run-csv';
import { readRun, resolveRun } from '../../core/results/store';
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
  const { info, records, problems } = await readRun(runDir);
  for (const p of problems) ctx.io.err(p);
  if (format === 'faas-runner') {
    await exportFaasRunner(ctx, info, records, values.out ?? 'history', values.experiment);
    return Exit.ok;
  }
  const cpuNames = CPU_NAMES[values['cpu-names'] ?? 'faaset'];
  if (!cpuNames) throw new UsageError(`--cpu-names: '${values['cpu-names']}' is not one of faaset, faas-runner\nusage: ${USAGE}`);
  const options = runCsvOptions(info, records, cpuNames);
  if (!values.out) {
    for (const line of csvLines(records, options)) ctx.io.out(line);
    return Exit.ok;
  }
  const stream = createWriteStream(values.out);
  // Each line already ends in CRLF (RFC 4180); adding another line end would leave a blank row after every record.
  for (const line of csvLines(records, options)) {
    if (!stream.write(line)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  ctx.io.err(`Wrote ${records.length} records to ${values.out}`);
  return Exit.ok;
};
