import { BadInputError } from '../../core/bad-input';
import { LinkStore, linksFileOf } from '../../providers/shared/links';
import { parse, platformOption, UsageError } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';

const USAGE = 'faas-lab unlink <name> [--platform http|aws]';

/** Forgets a linked function; the endpoint or Lambda function itself is left as it is. */
export const unlinkCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { platform: { type: 'string', short: 'p' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`unlink takes one name\nusage: ${USAGE}`);
  const platform = values.platform === undefined ? undefined : platformOption(values.platform);
  if (platform !== undefined && platform !== 'http' && platform !== 'aws') throw new UsageError(`Only http and aws functions are linked; ${platform} has no links`);
  const store = new LinkStore(linksFileOf(ctx.root));
  const matching = store.all().filter((l) => l.name === positionals[0] && (platform === undefined || l.platform === platform));
  if (matching.length === 0) throw new BadInputError(`No linked function '${positionals[0]}'${platform ? ` on ${platform}` : ''}: 'faas-lab list' shows what is linked (managed: false)`);
  if (matching.length > 1) throw new UsageError(`'${positionals[0]}' is linked on ${matching.map((l) => l.platform).join(' and ')}: choose one with --platform`);
  const gone = (await store.remove(matching[0].name, matching[0].platform))!;
  ctx.io.out(`Unlinked ${gone.name} from ${ctx.providers.get(gone.platform).displayName}; ${gone.platform === 'http' ? gone.url : gone.arn} itself is unchanged`);
  return Exit.ok;
};
