import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLines } from '../../core/results/csv';
import { readRun, resolveRun } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { parse, UsageError } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';

const USAGE = 'faas-lab export [<run> | latest] --csv [--out <file.csv>]';

export const exportCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { csv: { type: 'boolean' }, out: { type: 'string', short: 'o' } }, USAGE);
  if (!values.csv) throw new UsageError(`Say the format: --csv (FaaS Runner / SAAF column names)\nusage: ${USAGE}`);
  if (positionals.length > 1) throw new UsageError(`export takes one run\nusage: ${USAGE}`);
  const runDir = await resolveRun(runsDirOf(ctx.root), positionals[0] ?? 'latest');
  const { records, problems } = await readRun(runDir);
  for (const p of problems) ctx.io.err(p);
  if (!values.out) {
    for (const line of csvLines(records)) ctx.io.out(line);
    return Exit.ok;
  }
  const stream = createWriteStream(values.out);
  for (const line of csvLines(records)) {
    if (!stream.write(line + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  ctx.io.err(`Wrote ${records.length} records to ${values.out}`);
  return Exit.ok;
};
