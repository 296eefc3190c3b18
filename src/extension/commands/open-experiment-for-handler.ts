import type { FunctionSpec } from '../../core/model';
import { experimentForHandler } from '../experiments/choose';
import type { CommandBody } from './context';
import { chooseFunction } from './targets';

/** faasLab.openExperimentForHandler: the handler's experiment file, created when it has none. */
export const openExperimentForHandler: CommandBody<[FunctionSpec?]> = async (ctx, ui, fromLens) => {
  const spec = await chooseFunction(ctx, ui, fromLens);
  if (!spec) return undefined;
  const file = await experimentForHandler(ctx, ui, spec);
  if (file) await ctx.workspace.openFile(file);
  return file;
};
