import { isUnmanaged, unmanagedQuestion } from '../../core/functions/unmanaged';
import { UserError } from '../../core/model';
import { LinkStore, linksFileOf } from '../../providers/shared/links';
import type { FunctionNode } from '../tree/nodes';
import type { CommandBody } from './context';

/** faasLab.function.delete: removes the function from its platform once the user confirms; one FaaS Lab did not create with a question that says so. */
export const deleteFunction: CommandBody<[FunctionNode]> = async (ctx, ui, node) => {
  const { deployment, provider } = node;
  if (provider.id === 'http') throw new UserError(`${deployment.name} is an HTTP endpoint FaaS Lab does not own, so it never deletes it: use Unlink to forget the link`);
  const unmanaged = isUnmanaged(deployment);
  const ok = unmanaged
    ? await ui.confirm(`${unmanagedQuestion(deployment, provider.displayName, 'delete')} Its code and configuration are removed from ${provider.displayName}.`, 'Delete Anyway')
    : await ui.confirm(`Delete ${deployment.name} from ${provider.displayName}? Its instances are stopped and its code removed.`, 'Delete');
  if (!ok) return false;
  await ctx.withProgress(`FaaS Lab: deleting ${deployment.name}`, (_r, signal) => provider.remove(deployment, signal));
  // A deleted linked function leaves no link behind.
  if (unmanaged && provider.id === 'aws') await new LinkStore(linksFileOf(ctx.rootFor(node.rootUri?.fsPath))).remove(deployment.name, 'aws');
  ctx.output.appendLine(`Deleted ${deployment.name} from ${provider.displayName}`);
  ctx.fireDeploymentsChanged();
  return true;
};
