// Which run a command is about: from its argument (a run folder, its run.json, a path) or asked
// with a quick pick of the workspace's runs, newest first. Interrupted runs carry "Resume run".
import * as vscode from 'vscode';
import { UserError } from '../../core/model';
import { listRuns, type RunSummary } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import type { FaasLabContext } from '../context';
import { runChoiceItem, runFolderFrom, runPickItem } from '../experiments/run-folders';

export { runPickItem };

export function runsDirFor(ctx: FaasLabContext, uri?: vscode.Uri): string {
  return runsDirOf(ctx.rootFor(uri));
}

/**
 * A run folder from a command argument: a Uri of the folder or of its run.json, or anything the
 * CLI accepts (a path, `<experiment>/<timestamp>`, `<experiment>`, `latest`). Undefined: no argument.
 */
export function runDirFromArgument(ctx: FaasLabContext, arg: unknown): Promise<string | undefined> {
  return runFolderFrom((file) => runsDirFor(ctx, file === undefined ? undefined : vscode.Uri.file(file)), arg);
}

async function runs(ctx: FaasLabContext): Promise<RunSummary[]> {
  const dir = runsDirFor(ctx);
  const found = await listRuns(dir);
  if (found.length === 0) throw new UserError(`No runs in ${dir} yet: run an experiment first (FaaS Lab: Run Experiment)`);
  return found;
}

/** A run picked by the user; its "Resume run" button resumes it instead (and answers undefined). */
export async function pickRun(ctx: FaasLabContext, title: string, except?: string): Promise<string | undefined> {
  const items = (await runs(ctx)).filter((r) => r.runDir !== except).map(runChoiceItem);
  if (items.length === 0) throw new UserError('There is only one run: run the experiment again to have two to compare');
  const choice = await ctx.ui.pick(items, { title, placeholder: 'Runs in .faaslab/runs, newest first' });
  if (choice?.resume) {
    await vscode.commands.executeCommand('faasLab.resumeRun', choice.runDir);
    return undefined;
  }
  return choice?.runDir;
}
