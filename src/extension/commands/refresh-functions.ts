import type { CommandBody } from './context';

/** faasLab.refreshFunctions: the Functions view asks every platform again. */
export const refreshFunctions: CommandBody = async (ctx) => {
  ctx.fireDeploymentsChanged();
};
