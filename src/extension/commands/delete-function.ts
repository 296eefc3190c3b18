import type { FunctionNode } from '../tree/nodes';
import type { CommandBody } from './context';

/** faasLab.function.delete: removes the function from its platform once the user confirms. */
export const deleteFunction: CommandBody<[FunctionNode]> = async (ctx, ui, node) => {
  const ok = await ui.confirm(`Delete ${node.deployment.name} from ${node.provider.displayName}? Its instances are stopped and its code removed.`, 'Delete');
  if (!ok) return false;
  await ctx.withProgress(`FaaS Lab: deleting ${node.deployment.name}`, (_r, signal) => node.provider.remove(node.deployment, signal));
  ctx.output.appendLine(`Deleted ${node.deployment.name} from ${node.provider.displayName}`);
  ctx.fireDeploymentsChanged();
  return true;
};
