import { planApply, recommendationsToApply } from '../../core/results/apply';
import { recommendationLine } from '../../core/results/report-analyses';
import { listRuns, summarizeRunFolder } from '../../core/results/store';
import { UserError } from '../../core/model';
import { runsDirOf } from '../../providers';
import { runFolderFrom, runPickItem } from '../experiments/run-folders';
import type { CommandBody } from './context';

/**
 * faasLab.applyRecommendation: sets the function of a run (a run folder or its run.json, or
 * picked) to the memory size the run recommends, after a confirmation; never a function FaaS Lab does not own.
 */
export const applyRecommendation: CommandBody<[unknown?]> = async (ctx, ui, arg) => {
  const runsDirFor = (file?: string) => runsDirOf(ctx.rootFor(file));
  const runDir = (await runFolderFrom(runsDirFor, arg)) ?? (await pickRun());
  if (!runDir) return undefined;
  const { info, summary } = await summarizeRunFolder(runDir);
  const all = recommendationsToApply(info.runId, summary.analyses.recommendations);
  const recommendation = all.length === 1 ? all[0] : await ui.pick(all.map((r) => ({ label: `${r.memoryMB} MB on ${r.platform}`, detail: recommendationLine(r, true), value: r })), { title: 'Apply which recommendation?' });
  if (!recommendation) return undefined;
  const provider = ctx.platformsFor(runDir).get(recommendation.platform);
  const plan = await planApply(provider, recommendation);
  if (!plan) {
    ctx.output.appendLine(`${recommendation.function} on ${provider.displayName} already has ${recommendation.memoryMB} MB: nothing to change`);
    return undefined;
  }
  if (!(await ui.confirm(`${plan.question}\n${recommendationLine(recommendation, true)}`, plan.unmanaged ? `Set ${plan.toMB} MB Anyway` : `Set ${plan.toMB} MB`))) return undefined;
  const updated = await ctx.withProgress(`FaaS Lab: ${plan.deployment.name} → ${plan.toMB} MB`, (_r, signal) => provider.configure(plan.deployment, { memoryMB: plan.toMB }, signal));
  ctx.output.appendLine(`${updated.name} on ${provider.displayName}: memory ${plan.fromMB} → ${updated.memoryMB} MB (recommended by ${info.runId})`);
  ctx.fireDeploymentsChanged();
  return updated;

  async function pickRun(): Promise<string | undefined> {
    const runs = (await listRuns(runsDirFor())).filter((r) => r.status === 'completed' || r.status === 'completed-with-errors');
    if (runs.length === 0) throw new UserError('No finished run in this workspace to take a recommendation from: run an experiment with two or more memorySettings first');
    return ui.pick(runs.map((r) => runPickItem(r, false)), { title: 'Apply the memory recommendation of which run?', placeholder: 'Finished runs, newest first' });
  }
};
