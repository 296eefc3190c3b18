import * as path from 'node:path';
import * as vscode from 'vscode';
import { runExperiment, type RunResult } from '../../core/experiment';
import { loadExperiment } from '../../core/experiment/load';
import { formatProblem, resolveFunctionRef } from '../../core/functions/find';
import { UserError, type FunctionSpec } from '../../core/model';
import { readRun, resolveRun } from '../../core/results/store';
import { summarizeRun } from '../../core/results/summary';
import { runsDirOf } from '../../providers';
import { registerEndpoint } from '../../providers/http';
import { deployWithProgress } from '../commands/deploy';
import { registerCommand } from '../commands/register';
import { chooseFunction } from '../commands/targets';
import type { FaasLabContext } from '../context';
import { EXPERIMENT_GLOB, experimentsFor, isExperimentFile, newExperimentText } from './files';

export interface ExperimentHooks {
  /** Called once the run's folder exists (e.g. to open its results live). */
  onRunStarted?(runDir: string): void;
  /** Called when the run has ended, whatever its status. */
  onRunEnded?(result: RunResult): void;
}

/** Runs an experiment file with a cancellable progress notification; deploys its source first. */
export async function runExperimentFile(ctx: FaasLabContext, uri: vscode.Uri, hooks: ExperimentHooks = {}): Promise<RunResult | undefined> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
  if (doc?.isDirty) await doc.save();
  const experiment = await loadExperiment(uri.fsPath, formatProblem);
  const { spec } = experiment;
  const platforms = ctx.platformsFor(uri);
  registerEndpoint(platforms, spec);
  if (experiment.sourceFile) {
    const fn = await resolveFunctionRef(`${experiment.sourceFile}:${spec.function}`);
    for (const id of spec.platforms) await deployWithProgress(ctx, fn, platforms.get(id));
  }
  const runsDir = runsDirOf(ctx.rootFor(uri));
  ctx.output.appendLine(`[${new Date().toISOString()}] running ${spec.experimentName} (${vscode.workspace.asRelativePath(uri)})`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `FaaS Lab: ${spec.experimentName}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      let started = false;
      return runExperiment({
        spec,
        experimentFile: uri.fsPath,
        providers: platforms,
        runsDir,
        signal: controller.signal,
        onStart: (runDir) => {
          started = true;
          hooks.onRunStarted?.(runDir);
        },
        onProgress: (p) => {
          const pct = p.total === 0 ? 0 : (100 * p.done) / p.total;
          progress.report({
            message: `${p.phase} · ${p.done}/${p.total} · ${p.inFlight} in flight · ${p.errors} errors${p.throttled ? ` · ${p.throttled} throttled` : ''}`,
            increment: started ? pct - reported : 0,
          });
          reported = pct;
        },
      });
    },
  );
  const { info, records } = await readRun(result.runDir);
  const summary = summarizeRun(info, records);
  ctx.output.appendLine(`${spec.experimentName}: ${result.status} · ${result.counts.recorded}/${result.counts.planned} calls · ${result.counts.errors + result.counts.timeouts} errors · ${result.counts.throttled} throttled · run folder ${path.relative(ctx.rootFor(uri), result.runDir)}`);
  for (const p of result.problems) ctx.output.appendLine(`  ${p}`);
  for (const g of summary.groups) {
    ctx.output.appendLine(`  ${g.label}: n=${g.n} · p50 round trip ${g.roundTripMs?.p50?.toFixed(1) ?? '–'} ms · p50 runtime ${g.runtime?.p50?.toFixed(1) ?? '–'} ms`);
  }
  hooks.onRunEnded?.(result);
  return result;
}

export function registerExperimentCommands(ctx: FaasLabContext, hooks: ExperimentHooks): void {
  registerCommand(ctx, 'faasLab.runExperiment', async (target?: vscode.Uri | FunctionSpec) => {
    const uri = target instanceof vscode.Uri ? target : target ? await experimentForHandler(ctx, target) : await pickExperimentFile(ctx);
    if (!uri) return;
    return runExperimentFile(ctx, uri, hooks);
  });

  registerCommand(ctx, 'faasLab.openLatestResults', async (uri?: vscode.Uri) => {
    const file = uri ?? (await pickExperimentFile(ctx));
    if (!file) return;
    const { spec } = await loadExperiment(file.fsPath, formatProblem);
    const runDir = await resolveRun(runsDirOf(ctx.rootFor(file)), spec.experimentName);
    await vscode.commands.executeCommand('faasLab.openResults', runDir);
  });

  registerCommand(ctx, 'faasLab.openExperimentForHandler', async (fromLens?: FunctionSpec) => {
    const spec = await chooseFunction(ctx, fromLens);
    if (!spec) return;
    const uri = await experimentForHandler(ctx, spec);
    if (uri) await vscode.window.showTextDocument(uri);
  });
}

/** The experiment of a handler: its only one, a pick among several, or a new one next to it. */
async function experimentForHandler(ctx: FaasLabContext, spec: FunctionSpec): Promise<vscode.Uri | undefined> {
  const found = await experimentsFor(spec);
  if (found.length === 1) return found[0].uri;
  if (found.length > 1) {
    return ctx.ui.pick(
      found.map((f) => ({ label: f.experiment.experimentName, description: vscode.workspace.asRelativePath(f.uri), value: f.uri })),
      { title: `Experiments of ${spec.name}` },
    );
  }
  const file = path.join(path.dirname(spec.file), `${spec.name}.experiment.json`);
  const uri = vscode.Uri.file(file);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(newExperimentText(spec, file)));
  ctx.output.appendLine(`Created ${vscode.workspace.asRelativePath(uri)}: edit it, then run it from its CodeLens`);
  await vscode.window.showTextDocument(uri);
  return undefined;
}

async function pickExperimentFile(ctx: FaasLabContext): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isExperimentFile(active)) return active;
  const uris = await vscode.workspace.findFiles(EXPERIMENT_GLOB, '**/node_modules/**', 200);
  if (uris.length === 0) throw new UserError('No *.experiment.json in this workspace: use "Experiment" above a handler to create one');
  return ctx.ui.pick(
    uris.map((u) => ({ label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(u), value: u })),
    { title: 'Run which experiment?' },
  );
}
