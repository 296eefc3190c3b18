// Runs an experiment file, or resumes a run, the VS Code way: each deploy with its own progress,
// the run under a cancellable progress notification, its results opened live, a summary in the
// output channel. The flow itself is the engine's runExperimentFile, shared with the CLI.
import * as path from 'node:path';
import type { RunProgress } from '../../core/experiment/progress';
import type { ExperimentFileRun } from '../../core/experiment/run-file';
import { ms } from '../../core/format';
import { formatProblem } from '../../core/functions/find';
import { UnmanagedChangeRefused } from '../../core/functions/unmanaged';
import { runsDirOf } from '../../providers';
import { registerEndpoint } from '../../providers/http';
import { features } from '../bundles';
import type { CommandContext, ReportProgress } from '../commands/context';
import { deployWithProgress } from '../commands/deploy';
import type { UserInput } from '../ui';

export interface RunTarget {
  /** The experiment file; left out when a run is resumed whose file is gone. */
  file?: string;
  /** A run folder to continue. */
  resume?: string;
}

/**
 * An experiment that would reconfigure a function FaaS Lab did not create (memory settings, cold
 * starts) runs only after the user says Run Anyway to a modal that says so.
 */
export async function runInEditor(ctx: CommandContext, target: RunTarget, ui?: UserInput): Promise<ExperimentFileRun | undefined> {
  try {
    return await runOnce(ctx, target, false);
  } catch (err) {
    if (!(err instanceof UnmanagedChangeRefused) || !ui) throw err;
    if (!(await ui.confirm(`${err.question} The experiment's memory settings or cold starts change it while it runs.`, 'Run Anyway'))) {
      ctx.output.appendLine(`Not run: ${err.message}`);
      return undefined;
    }
    return runOnce(ctx, target, true);
  }
}

async function runOnce(ctx: CommandContext, target: RunTarget, confirmUnmanaged: boolean): Promise<ExperimentFileRun> {
  if (target.file) await ctx.workspace.save(target.file);
  const where = target.file ?? target.resume;
  const root = ctx.rootFor(where);
  const controller = new AbortController();
  let notification: RunNotification | undefined;
  let result: ExperimentFileRun;
  try {
    // The runner, planner and summaries are a lazy bundle, loaded when the first run starts.
    const { runExperimentFile } = features().experimentRun();
    result = await runExperimentFile({
      ...target,
      providers: ctx.platformsFor(where),
      onLoaded: (spec) => registerEndpoint(ctx.platformsFor(where), spec),
      runsDir: runsDirOf(root),
      signal: controller.signal,
      onWarning: (w) => ctx.output.appendLine(formatProblem(w)),
      deployFunction: (fn, provider) => deployWithProgress(ctx, fn, provider),
      onStart: (runDir, spec) => {
        const what = target.resume ? `resuming ${spec.experimentName} (${ctx.workspace.relativePath(runDir)})` : `running ${spec.experimentName} (${ctx.workspace.relativePath(target.file!)})`;
        ctx.output.appendLine(`[${new Date().toISOString()}] ${what}`);
        notification = openRunNotification(ctx, `FaaS Lab: ${spec.experimentName}`, () => controller.abort());
        ctx.openResults(runDir, { live: true });
      },
      onProgress: (p) => notification?.report(p),
      confirmUnmanaged,
    });
  } finally {
    notification?.close();
  }
  const { spec, counts, summary } = result;
  ctx.output.appendLine(`${spec.experimentName}: ${result.status} · ${counts.recorded}/${counts.planned} calls · ${counts.errors + counts.timeouts} errors · ${counts.throttled} throttled · run folder ${path.relative(root, result.runDir)}`);
  for (const p of result.problems) ctx.output.appendLine(`  ${p}`);
  for (const g of summary.groups) {
    ctx.output.appendLine(`  ${g.label}: n=${g.n} · p50 round trip ${ms(g.roundTripMs?.p50)} · p50 runtime ${ms(g.runtime?.p50)}`);
  }
  return result;
}

interface RunNotification {
  report(p: RunProgress): void;
  close(): void;
}

/** A progress notification that stays open until closed; its Cancel calls `cancel`. */
function openRunNotification(ctx: CommandContext, title: string, cancel: () => void): RunNotification {
  let report: ReportProgress | undefined;
  let close = () => {};
  const closed = new Promise<void>((resolve) => (close = resolve));
  let reportedPercent = 0;
  void ctx.withProgress(title, (r, signal) => {
    report = r;
    signal.addEventListener('abort', cancel, { once: true });
    return closed;
  });
  return {
    report(p) {
      if (!report) return;
      const percent = p.total === 0 ? 0 : (100 * p.done) / p.total;
      report(`${p.phase} · ${p.done}/${p.total} · ${p.inFlight} in flight · ${p.errors} errors${p.throttled ? ` · ${p.throttled} throttled` : ''}`, percent - reportedPercent);
      reportedPercent = percent;
    },
    close: () => close(),
  };
}
