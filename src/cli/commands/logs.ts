import { UserError } from '../../core/model';
import { BadInputError } from '../../core/bad-input';
import { commonOptions, parse, platformOption, UsageError } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';

const USAGE = 'faas-lab logs <function> [--platform local] [--limit 100] [--json]';

export const logsCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { ...commonOptions, limit: { type: 'string', short: 'n' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`logs takes one function name\nusage: ${USAGE}`);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit must be a positive whole number, got '${values.limit}'`);
  const provider = ctx.providers.get(platformOption(values.platform));
  if (!provider.logs) throw new UserError(`${provider.displayName} keeps no logs FaaS Lab can read`);
  const deployment = await provider.get(positionals[0], ctx.signal);
  if (!deployment) throw new BadInputError(`No function '${positionals[0]}' on ${provider.displayName}; 'faas-lab list' shows what is deployed`);
  const entries = await provider.logs(deployment, { limit, signal: ctx.signal });
  if (values.json) ctx.io.out(JSON.stringify(entries, null, 2));
  else for (const e of entries) ctx.io.out(`${e.time}  ${e.message}`);
  return Exit.ok;
};
