import type { FunctionNode } from '../tree/nodes';
import { askNumber } from './ask-number';
import { mayChange } from './confirm-unmanaged';
import type { CommandBody } from './context';

/** faasLab.function.changeTimeout: a new timeout in seconds for the deployed function. */
export const changeTimeout: CommandBody<[FunctionNode]> = async (ctx, ui, node) => {
  const current = node.deployment.timeoutS;
  const timeoutS = await askNumber(ui, 'Timeout (seconds, 1 to 900)', current, 1, 900);
  if (timeoutS === undefined || timeoutS === current) return undefined;
  if (!(await mayChange(ui, node.provider, node.deployment, 'configure'))) return undefined;
  const updated = await ctx.withProgress(`FaaS Lab: ${node.deployment.name} timeout → ${timeoutS} s`, (_r, signal) => node.provider.configure(node.deployment, { timeoutS }, signal));
  ctx.output.appendLine(`${node.deployment.name} on ${node.provider.displayName}: timeout ${current} → ${timeoutS} s`);
  ctx.fireDeploymentsChanged();
  return updated;
};
