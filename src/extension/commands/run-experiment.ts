import { experimentFileOf } from '../experiments/choose';
import { runInEditor } from '../experiments/run';
import type { CommandBody } from './context';

/**
 * faasLab.runExperiment: an experiment file (its Uri), a handler's experiment, or one picked;
 * deploys where the code changed, runs with progress and cancel, opens the results live.
 */
export const runExperiment: CommandBody<[unknown?]> = async (ctx, ui, target) => {
  const file = await experimentFileOf(ctx, ui, target);
  if (!file) return undefined;
  return runInEditor(ctx, { file }, ui);
};
