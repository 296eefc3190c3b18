import { formatReport } from '../../core/results/report';
import { summarizeRunFolder } from '../../core/results/store';
import { GROUP_FIELDS, type GroupField } from '../../core/results/summary';
import { runsDirOf } from '../../providers';
import { parse, UsageError } from '../args';
import type { Command } from '../context';
import { runFromArgument } from '../run-ref';
import { Exit } from '../io';

const USAGE = `faas-lab report [<run> | latest] [--group-by ${GROUP_FIELDS.join(',')}] [--json]`;

export const reportCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, 'group-by': { type: 'string' } }, USAGE);
  if (positionals.length > 1) throw new UsageError(`report takes one run\nusage: ${USAGE}`);
  const runDir = await runFromArgument(runsDirOf(ctx.root), positionals[0] ?? 'latest');
  // Streamed: the summary keeps a few numbers per call, never the records.
  const { summary, problems } = await summarizeRunFolder(runDir, { groupBy: groupBy(values['group-by']) });
  for (const p of problems) ctx.io.err(p);
  ctx.io.out(values.json ? JSON.stringify(summary, null, 2) : formatReport(summary));
  return Exit.ok;
};

function groupBy(value: string | undefined): GroupField[] | undefined {
  if (value === undefined) return undefined;
  const fields = value.split(',').map((f) => f.trim());
  for (const f of fields) {
    if (!(GROUP_FIELDS as readonly string[]).includes(f)) throw new UsageError(`Cannot group by '${f}': use one or more of ${GROUP_FIELDS.join(', ')}`);
  }
  return fields as GroupField[];
}
