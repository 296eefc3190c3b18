import { loadExperiment } from '../../core/experiment/load';
import { formatProblem } from '../../core/functions/find';
import { resolveRun } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { pickExperimentFile } from '../experiments/choose';
import { filePathOf, type CommandBody } from './context';

/** faasLab.openLatestResults: the newest run of an experiment file, in the results explorer. */
export const openLatestResults: CommandBody<[unknown?]> = async (ctx, ui, target) => {
  const file = filePathOf(target) ?? (await pickExperimentFile(ctx, ui));
  if (!file) return undefined;
  const { spec } = await loadExperiment(file, formatProblem);
  const runDir = await resolveRun(runsDirOf(ctx.rootFor(file)), spec.experimentName);
  return ctx.executeCommand('faasLab.openResults', runDir);
};
