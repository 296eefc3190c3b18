import { deployIfChanged } from '../../core/functions/deploy';
import { formatProblem, resolveFunctionRef } from '../../core/functions/find';
import { Exit } from '../io';
import { commonOptions, parse, platformOption, UsageError } from '../args';
import type { Command } from '../context';
import { describeDeployment } from './format';

const USAGE = 'faas-lab deploy <file>[:handler] [--platform local] [--json]';

export const deployCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, commonOptions, USAGE);
  if (positionals.length !== 1) throw new UsageError(`deploy takes one handler reference\nusage: ${USAGE}`);
  const spec = await resolveFunctionRef(positionals[0], (warning) => ctx.io.err(formatProblem(warning)));
  const provider = ctx.providers.get(platformOption(values.platform));
  const started = Date.now();
  const outcome = await deployIfChanged(spec, provider, {
    signal: ctx.signal,
    onStep: (step) => !values.json && ctx.io.err(`${step}…`),
    onProgress: (message) => !values.json && ctx.io.err(message),
  });
  if (values.json) {
    ctx.io.out(JSON.stringify({ action: outcome.action, deployment: outcome.deployment }, null, 2));
  } else {
    const verb = { unchanged: 'unchanged, not redeployed', configured: 'settings updated', deployed: 'deployed' }[outcome.action];
    ctx.io.out(`${spec.name} on ${provider.displayName}: ${verb} in ${Date.now() - started} ms`);
    ctx.io.out(describeDeployment(outcome.deployment));
  }
  return Exit.ok;
};
