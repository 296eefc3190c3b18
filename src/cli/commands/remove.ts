import { BadInputError } from '../../core/bad-input';
import { commonOptions, parse, platformOption, UsageError } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';

const USAGE = 'faas-lab remove <function> [--platform local]';

export const removeCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, commonOptions, USAGE);
  if (positionals.length !== 1) throw new UsageError(`remove takes one function name\nusage: ${USAGE}`);
  const provider = ctx.providers.get(platformOption(values.platform));
  const deployment = await provider.get(positionals[0], ctx.signal);
  if (!deployment) throw new BadInputError(`No function '${positionals[0]}' on ${provider.displayName}; 'faas-lab list' shows what is deployed`);
  await provider.remove(deployment, ctx.signal);
  ctx.io.out(`Removed ${deployment.name} from ${provider.displayName}`);
  return Exit.ok;
};
