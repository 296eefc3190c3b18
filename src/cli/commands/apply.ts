import { planApply, recommendationsToApply } from '../../core/results/apply';
import { recommendationLine } from '../../core/results/report-analyses';
import { summarizeRunFolder } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { parse, platformOption, UsageError } from '../args';
import type { Command } from '../context';
import { runFromArgument } from '../run-ref';
import { Exit } from '../io';

const USAGE = 'faas-lab apply [<run> | latest] [--platform id] [--yes]';

/** Asks before changing anything: --yes, or a yes typed at the terminal; never silently. */
export const applyCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { platform: { type: 'string', short: 'p' }, yes: { type: 'boolean', short: 'y' } }, USAGE);
  if (positionals.length > 1) throw new UsageError(`apply takes one run\nusage: ${USAGE}`);
  const platform = values.platform === undefined ? undefined : platformOption(values.platform);
  const runDir = await runFromArgument(runsDirOf(ctx.root), positionals[0] ?? 'latest');
  const { info, summary } = await summarizeRunFolder(runDir);
  const recommendations = recommendationsToApply(info.runId, summary.analyses.recommendations, platform);
  if (recommendations.length > 1) {
    throw new UsageError(`${info.runId} recommends a size on each of ${recommendations.map((r) => r.platform).join(', ')}: choose one with --platform`);
  }
  const recommendation = recommendations[0];
  ctx.io.out(recommendationLine(recommendation, true));
  const provider = ctx.providers.get(recommendation.platform);
  const plan = await planApply(provider, recommendation, ctx.signal);
  if (!plan) {
    ctx.io.out(`${recommendation.function} on ${provider.displayName} already has ${recommendation.memoryMB} MB: nothing to change`);
    return Exit.ok;
  }
  if (!values.yes) {
    if (!ctx.io.ask) throw new UsageError(`${plan.question}\nNo terminal to ask at: pass --yes to apply it${plan.unmanaged ? ' (it changes a function FaaS Lab did not create)' : ''}`);
    const answer = (await ctx.io.ask(`${plan.question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      ctx.io.out('Nothing changed.');
      return Exit.ok;
    }
  }
  const updated = await provider.configure(plan.deployment, { memoryMB: plan.toMB }, ctx.signal);
  ctx.io.out(`${updated.name} on ${provider.displayName}: memory ${plan.fromMB} → ${updated.memoryMB} MB`);
  return Exit.ok;
};
