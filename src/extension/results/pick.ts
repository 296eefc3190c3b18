// Which run a command is about: from its argument (a run folder, its run.json, a path) or asked
// with a quick pick of the workspace's runs, newest first.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { count } from '../../core/format';
import { UserError } from '../../core/model';
import { listRuns, resolveRun, RUN_INFO_FILE, type RunSummary } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import type { FaasLabContext } from '../context';
import type { PickItem } from '../ui';

export function runsDirFor(ctx: FaasLabContext, uri?: vscode.Uri): string {
  return runsDirOf(ctx.rootFor(uri));
}

/**
 * A run folder from a command argument: a Uri of the folder or of its run.json, or anything the
 * CLI accepts (a path, `<experiment>/<timestamp>`, `<experiment>`, `latest`). Undefined: no argument.
 */
export async function runDirFromArgument(ctx: FaasLabContext, arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) {
    const dir = path.basename(arg.fsPath) === RUN_INFO_FILE ? path.dirname(arg.fsPath) : arg.fsPath;
    return resolveRun(runsDirFor(ctx, arg), dir);
  }
  if (typeof arg === 'string' && arg !== '') return resolveRun(runsDirFor(ctx), path.basename(arg) === RUN_INFO_FILE ? path.dirname(arg) : arg);
  return undefined;
}

function runPickItem(run: RunSummary): PickItem<string> {
  const started = new Date(run.startedAt);
  const when = Number.isNaN(started.getTime()) ? run.startedAt : started.toLocaleString();
  const status = run.status === 'completed' ? '' : ` · ${run.status.replace(/-/g, ' ')}`;
  return {
    label: run.experiment,
    description: `${when}${status}`,
    detail: `${count(run.counts.recorded)} calls · ${run.platforms.join(', ')}${run.counts.errors ? ` · ${run.counts.errors} errors` : ''}`,
    value: run.runDir,
  };
}

async function runs(ctx: FaasLabContext): Promise<RunSummary[]> {
  const dir = runsDirFor(ctx);
  const found = await listRuns(dir);
  if (found.length === 0) throw new UserError(`No runs in ${dir} yet: run an experiment first (FaaS Lab: Run Experiment)`);
  return found;
}

export async function pickRun(ctx: FaasLabContext, title: string, except?: string): Promise<string | undefined> {
  const items = (await runs(ctx)).filter((r) => r.runDir !== except).map(runPickItem);
  if (items.length === 0) throw new UserError('There is only one run: run the experiment again to have two to compare');
  return ctx.ui.pick(items, { title, placeholder: 'Runs in .faaslab/runs, newest first' });
}
