import { BadInputError } from '../../core/bad-input';
import { isUnmanaged, unmanagedQuestion, unmanagedRefusal } from '../../core/functions/unmanaged';
import { LinkStore, linksFileOf } from '../../providers/shared/links';
import { parse, UsageError } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';
import { platformFor } from '../linked-platform';

const USAGE = 'faas-lab remove <function> [--platform local] [--yes]';

/** Deletes a function; one FaaS Lab did not create only after a yes (typed at the terminal, or --yes). */
export const removeCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { platform: { type: 'string', short: 'p' }, json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`remove takes one function name\nusage: ${USAGE}`);
  const provider = ctx.providers.get(platformFor(ctx.root, values.platform, positionals[0]));
  const deployment = await provider.get(positionals[0], ctx.signal);
  if (!deployment) throw new BadInputError(`No function '${positionals[0]}' on ${provider.displayName}; 'faas-lab list' shows what is deployed`);
  if (provider.id === 'http') throw new BadInputError(`${deployment.name} is an HTTP endpoint FaaS Lab does not own, so it never removes it: 'faas-lab unlink ${deployment.name}' forgets the link`);
  if (isUnmanaged(deployment) && !values.yes) {
    if (!ctx.io.ask) throw unmanagedRefusal(deployment, provider.displayName, 'delete', `pass --yes to delete it, or 'faas-lab unlink ${deployment.name}' to only forget a link`);
    const answer = (await ctx.io.ask(`${unmanagedQuestion(deployment, provider.displayName, 'delete')} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      ctx.io.out('Nothing deleted.');
      return Exit.ok;
    }
  }
  await provider.remove(deployment, ctx.signal);
  // A deleted linked function leaves no link behind.
  if (provider.id === 'aws' && isUnmanaged(deployment)) await new LinkStore(linksFileOf(ctx.root)).remove(deployment.name, 'aws');
  ctx.io.out(`Removed ${deployment.name} from ${provider.displayName}`);
  return Exit.ok;
};
