import * as path from 'node:path';
import { isInterrupted } from '../../core/experiment/run-owner';
import { countRecordedCalls } from '../../core/results/run-liveness';
import { listRuns, readRunInfo, RECORDS_FILE, type RunSummary } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { parse } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';

const USAGE = 'faas-lab runs [--json]';

/** A run as listed: a "running" run whose process is gone is shown as interrupted, with what it recorded and how to finish it. */
interface ListedRun extends Omit<RunSummary, 'status'> {
  status: RunSummary['status'] | 'interrupted';
  resume?: string;
}

export const runsCommand: Command = async (ctx, argv) => {
  const { values } = parse(argv, { json: { type: 'boolean' } }, USAGE);
  const runsDir = runsDirOf(ctx.root);
  const rootFlag = path.resolve(ctx.root) === process.cwd() ? '' : ` --root ${ctx.root}`;
  const runs = await Promise.all((await listRuns(runsDir)).map((r) => withLiveness(r, runsDir, rootFlag)));
  if (values.json) ctx.io.out(JSON.stringify(runs, null, 2));
  else if (runs.length === 0) ctx.io.out('No runs yet: faas-lab run <file.experiment.json>');
  else {
    for (const r of runs) {
      const c = r.counts;
      ctx.io.out(`${path.relative(runsDir, r.runDir).padEnd(48)} ${r.status.padEnd(22)} ${`${c.recorded}/${c.planned} calls`.padEnd(16)} ${r.platforms.join(',')}`);
      if (r.resume) ctx.io.out(`  its process stopped before the run ended; finish it with: ${r.resume}`);
    }
  }
  return Exit.ok;
};

/** run.json counts records only when a run ends: a running or interrupted one is counted from its records file. */
async function withLiveness(run: RunSummary, runsDir: string, rootFlag: string): Promise<ListedRun> {
  if (run.status !== 'running') return run;
  const info = await readRunInfo(run.runDir);
  const counts = { ...run.counts, recorded: await countRecordedCalls(run.runDir, RECORDS_FILE) };
  if (!isInterrupted(info.status, info.owner)) return { ...run, counts };
  const experiment = info.experimentFile ? path.relative(process.cwd(), info.experimentFile) || info.experimentFile : '<file.experiment.json>';
  return { ...run, status: 'interrupted', counts, resume: `faas-lab run ${experiment} --resume ${path.relative(runsDir, run.runDir)}${rootFlag}` };
}
