import type { Deployment, Provider } from '../../core/model';
import { commonOptions, parse, platformOption } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';
import { describeDeployment } from './format';

const USAGE = 'faas-lab list [--platform <id>] [--json]';

export const listCommand: Command = async (ctx, argv) => {
  const { values } = parse(argv, commonOptions, USAGE);
  const providers: Provider[] = values.platform ? [ctx.providers.get(platformOption(values.platform))] : ctx.providers.all();
  const result: Record<string, { ready: boolean; message?: string; functions: Deployment[] }> = {};
  for (const provider of providers) {
    const readiness = await provider.readiness();
    result[provider.id] = readiness.ready
      ? { ready: true, functions: await provider.list(ctx.signal) }
      : { ready: false, message: readiness.message, functions: [] };
  }
  if (values.json) {
    ctx.io.out(JSON.stringify(result, null, 2));
    return Exit.ok;
  }
  for (const provider of providers) {
    const entry = result[provider.id];
    ctx.io.out(`${provider.displayName}${entry.ready ? '' : ` — not set up: ${entry.message}`}`);
    if (entry.ready && entry.functions.length === 0) ctx.io.out('  (no functions deployed)');
    for (const d of entry.functions) ctx.io.out(describeDeployment(d));
  }
  return Exit.ok;
};
