import { existsSync, promises as fs } from 'node:fs';
import { deployIfChanged } from '../../core/functions/deploy';
import { formatProblem, resolveFunctionRef } from '../../core/functions/find';
import type { Deployment, Provider } from '../../core/model';
import { BadInputError } from '../../core/bad-input';
import { commonOptions, parse, platformOption, UsageError } from '../args';
import type { CliContext, Command } from '../context';
import { Exit } from '../io';
import { describeInvocation } from './format';

const USAGE = "faas-lab invoke <function | file[:handler]> [--payload '<json>' | --payload @file.json] [--platform local] [--json]";

export const invokeCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { ...commonOptions, payload: { type: 'string', short: 'd' } }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`invoke takes one function\nusage: ${USAGE}`);
  const provider = ctx.providers.get(platformOption(values.platform));
  const payload = await readPayload(values.payload);
  const deployment = await target(positionals[0], provider, ctx);
  const inv = await provider.invoke(deployment, payload, { signal: ctx.signal });
  if (values.json) {
    ctx.io.out(JSON.stringify(inv, null, 2));
  } else {
    if (inv.status === 'ok') ctx.io.out(JSON.stringify(inv.result, null, 2) ?? 'undefined');
    else ctx.io.out(`${inv.error?.type ?? inv.status}: ${inv.error?.message ?? ''}${inv.error?.stack ? `\n${inv.error.stack}` : ''}`);
    ctx.io.err(describeInvocation(inv));
  }
  return inv.status === 'ok' ? Exit.ok : Exit.functionFailed;
};

/** A deployed name, or a handler file whose current code is deployed first if it changed. */
async function target(ref: string, provider: Provider, { io, signal }: CliContext): Promise<Deployment> {
  const file = ref.replace(/:[^:/\\]+$/, '');
  if (existsSync(file)) {
    const spec = await resolveFunctionRef(ref, (warning) => io.err(formatProblem(warning)));
    return (await deployIfChanged(spec, provider, { signal })).deployment;
  }
  const deployment = await provider.get(ref, signal);
  if (!deployment) {
    throw new BadInputError(`No function '${ref}' on ${provider.displayName}: deploy it first (faas-lab deploy <file>:${ref}) or check 'faas-lab list'`);
  }
  return deployment;
}

export async function readPayload(arg: string | undefined): Promise<unknown> {
  if (arg === undefined) return {};
  const fromFile = arg.startsWith('@');
  let text = arg;
  if (fromFile) {
    try {
      text = await fs.readFile(arg.slice(1), 'utf8');
    } catch {
      throw new UsageError(`Cannot read payload file ${arg.slice(1)}: check the path`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`The payload ${fromFile ? `in ${arg.slice(1)} ` : ''}is not valid JSON (${(err as Error).message}); pass e.g. --payload '{"name":"Ada"}'`);
  }
}
