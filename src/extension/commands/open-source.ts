import { UserError } from '../../core/model';
import type { FunctionNode } from '../tree/nodes';
import type { CommandBody } from './context';

/** faasLab.function.openSource: the handler file a deployed function was made from. */
export const openSource: CommandBody<[FunctionNode]> = async (ctx, _ui, node) => {
  if (!node.deployment.sourceFile) throw new UserError(`FaaS Lab does not know where ${node.deployment.name}'s code came from`);
  await ctx.workspace.openFile(node.deployment.sourceFile);
};
