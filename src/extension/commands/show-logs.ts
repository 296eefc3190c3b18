import { UserError } from '../../core/model';
import type { FunctionNode } from '../tree/nodes';
import type { CommandBody } from './context';

/** faasLab.function.showLogs: the platform's latest log lines of the function, in the output channel. */
export const showLogs: CommandBody<[FunctionNode]> = async (ctx, _ui, node) => {
  if (!node.provider.logs) throw new UserError(`${node.provider.displayName} keeps no logs FaaS Lab can read`);
  const entries = await node.provider.logs(node.deployment, { limit: 200 });
  ctx.output.appendLine(`── logs of ${node.deployment.name} on ${node.provider.displayName} (last ${entries.length})`);
  for (const e of entries) ctx.output.appendLine(`${e.time}  ${e.message}`);
  ctx.output.show(true);
};
