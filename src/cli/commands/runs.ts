import * as path from 'node:path';
import { listRuns } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { parse } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';

const USAGE = 'faas-lab runs [--json]';

export const runsCommand: Command = async (ctx, argv) => {
  const { values } = parse(argv, { json: { type: 'boolean' } }, USAGE);
  const runs = await listRuns(runsDirOf(ctx.root));
  if (values.json) ctx.io.out(JSON.stringify(runs, null, 2));
  else if (runs.length === 0) ctx.io.out('No runs yet: faas-lab run <file.experiment.json>');
  else {
    for (const r of runs) {
      const c = r.counts;
      ctx.io.out(`${path.relative(runsDirOf(ctx.root), r.runDir).padEnd(48)} ${r.status.padEnd(22)} ${`${c.recorded}/${c.planned} calls`.padEnd(16)} ${r.platforms.join(',')}`);
    }
  }
  return Exit.ok;
};
