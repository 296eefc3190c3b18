import { LinkStore, linksFileOf } from '../../providers/shared/links';
import type { FunctionNode } from '../tree/nodes';
import type { CommandBody } from './context';

/** faasLab.function.unlink: forgets a linked function; the endpoint or Lambda function itself is left as it is. */
export const unlinkFunction: CommandBody<[FunctionNode]> = async (ctx, _ui, node) => {
  const platform = node.provider.id;
  if (platform !== 'http' && platform !== 'aws') return false;
  const store = new LinkStore(linksFileOf(ctx.rootFor(node.rootUri?.fsPath)));
  const gone = await store.remove(node.deployment.name, platform);
  if (!gone) {
    ctx.output.appendLine(`${node.deployment.name} on ${node.provider.displayName} is not linked: nothing to unlink`);
    return false;
  }
  ctx.output.appendLine(`Unlinked ${gone.name} from ${node.provider.displayName}; ${gone.platform === 'http' ? gone.url : gone.arn} itself is unchanged`);
  ctx.fireDeploymentsChanged();
  return true;
};
