import { existsSync } from 'node:fs';
import { assertNotOwned, readRunOwner, isInterrupted } from '../../core/experiment/run-owner';
import { UserError } from '../../core/model';
import { readRunInfo } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { interruptedRuns, runFolderFrom, runPickItem } from '../experiments/run-folders';
import { runInEditor } from '../experiments/run';
import type { CommandBody } from './context';

/**
 * faasLab.resumeRun: continues an interrupted or cancelled run (a run folder or its run.json, or
 * picked), making only the calls it has no record of, with the same progress and live results as a run.
 */
export const resumeRun: CommandBody<[unknown?]> = async (ctx, ui, arg) => {
  const runsDirFor = (file?: string) => runsDirOf(ctx.rootFor(file));
  const runDir = (await runFolderFrom(runsDirFor, arg)) ?? (await pickInterrupted());
  if (!runDir) return undefined;
  const info = await readRunInfo(runDir);
  assertNotOwned(runDir);
  if (!isInterrupted(info.status, readRunOwner(runDir))) {
    throw new UserError(`${info.runId} ${info.status === 'completed' ? 'is complete' : `ended ${info.status.replace(/-/g, ' ')}`}: only an interrupted or cancelled run can be resumed; run the experiment again for a new run`);
  }
  let file = info.experimentFile;
  if (file && !existsSync(file)) {
    ctx.output.appendLine(`${file} is not there any more: resuming ${info.runId} with the spec in its run.json and what is deployed`);
    file = undefined;
  }
  return runInEditor(ctx, { file, resume: runDir }, ui);

  async function pickInterrupted(): Promise<string | undefined> {
    const runs = await interruptedRuns(runsDirFor());
    if (runs.length === 0) throw new UserError('No interrupted or cancelled run to resume in this workspace: every run has ended or is still going');
    return ui.pick(runs.map((r) => runPickItem(r, true)), { title: 'Resume which run?', placeholder: 'Interrupted and cancelled runs, newest first' });
  }
};
