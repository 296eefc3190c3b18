// Runs as the runs list shows them, and which of them can be resumed. No vscode: command bodies
// and the results' quick pick both use it.
import * as path from 'node:path';
import { isInterrupted, readRunOwner } from '../../core/experiment/run-owner';
import { count } from '../../core/format';
import { listRuns, resolveRun, RUN_INFO_FILE, type RunSummary } from '../../core/results/store';
import { filePathOf } from '../commands/context';
import type { PickItem } from '../ui';

export { INTERRUPTED_RUNS_KEY } from './run-keys';

/** Running or cancelled by its run.json, and no live process has it. */
export function isRunInterrupted(run: Pick<RunSummary, 'runDir' | 'status'>): boolean {
  return isInterrupted(run.status, readRunOwner(run.runDir));
}

/** The runs under runsDir that can be resumed, newest first. */
export async function interruptedRuns(runsDir: string): Promise<RunSummary[]> {
  return (await listRuns(runsDir)).filter(isRunInterrupted);
}

/** The run.json of each run that can be resumed under these runs directories. */
export async function interruptedRunFiles(runsDirs: readonly string[]): Promise<string[]> {
  const runs = (await Promise.all(runsDirs.map((dir) => interruptedRuns(dir).catch(() => [])))).flat();
  return runs.map((r) => path.join(r.runDir, RUN_INFO_FILE));
}

export function runPickItem(run: RunSummary, interrupted = isRunInterrupted(run)): PickItem<string> {
  const started = new Date(run.startedAt);
  const when = Number.isNaN(started.getTime()) ? run.startedAt : started.toLocaleString();
  const state = interrupted && run.status === 'running' ? 'interrupted' : run.status.replace(/-/g, ' ');
  const status = run.status === 'completed' ? '' : ` · ${state}`;
  return {
    label: run.experiment,
    description: `${when}${status}`,
    detail: `${count(run.counts.recorded)} calls · ${run.platforms.join(', ')}${run.counts.errors ? ` · ${run.counts.errors} errors` : ''}`,
    value: run.runDir,
  };
}

/** What the runs list answers: a run to open, or one to resume (its "Resume run" button). */
export interface RunChoice {
  runDir: string;
  resume: boolean;
}

export function runChoiceItem(run: RunSummary): PickItem<RunChoice> {
  const interrupted = isRunInterrupted(run);
  const { label, description, detail } = runPickItem(run, interrupted);
  const resume = interrupted ? { buttons: [{ icon: 'debug-continue', tooltip: 'Resume run', value: { runDir: run.runDir, resume: true } }] } : {};
  return { label, description, detail, value: { runDir: run.runDir, resume: false }, ...resume };
}

/**
 * A run folder from a command argument: a file Uri of the folder or of its run.json, or anything
 * the CLI accepts (a path, `<experiment>/<timestamp>`, `<experiment>`, `latest`). Undefined: no argument.
 */
export async function runFolderFrom(runsDirFor: (file?: string) => string, arg: unknown): Promise<string | undefined> {
  const file = filePathOf(arg);
  const ref = file ?? (typeof arg === 'string' && arg !== '' ? arg : undefined);
  if (ref === undefined) return undefined;
  return resolveRun(runsDirFor(file), path.basename(ref) === RUN_INFO_FILE ? path.dirname(ref) : ref);
}
