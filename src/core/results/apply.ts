// Setting a function's memory to a run's recommended size, for `faas-lab apply` and VS Code's
// Apply Recommendation: which recommendation, and whether FaaS Lab may change that function at all.
import { BadInputError } from '../bad-input';
import type { Deployment, Provider } from '../model';
import type { Recommendation } from './recommendation';

export interface ApplyPlan {
  deployment: Deployment;
  recommendation: Recommendation;
  fromMB: number;
  toMB: number;
  /** The yes/no question to ask before changing anything. */
  question: string;
  /** FaaS Lab did not create the function: the question says so, and only an explicit yes changes it. */
  unmanaged: boolean;
}

/** The run's recommendations for `platform` (all when absent); a run without any says why. */
export function recommendationsToApply(runId: string, all: readonly Recommendation[], platform?: string): Recommendation[] {
  if (all.length === 0) {
    throw new BadInputError(`${runId} has no memory recommendation: it needs ok calls at two or more memory sizes; add e.g. "memorySettings": [128, 256, 512] to the experiment and run it again`);
  }
  const chosen = platform === undefined ? [...all] : all.filter((r) => r.platform === platform);
  if (chosen.length === 0) throw new BadInputError(`${runId} has no recommendation for ${platform}; it has one for ${all.map((r) => r.platform).join(', ')}`);
  return chosen;
}

/** Finds the deployed function; one FaaS Lab did not create is changed only when the user says yes to a question that says so. */
export async function planApply(provider: Provider, recommendation: Recommendation, signal?: AbortSignal): Promise<ApplyPlan | undefined> {
  const name = recommendation.function;
  const deployment = await provider.get(name, signal);
  if (!deployment) throw new BadInputError(`${name} is not deployed on ${provider.displayName}: deploy it first (faas-lab deploy <file> --platform ${provider.id}), then apply`);
  const unmanaged = deployment.managed !== true;
  if (deployment.memoryMB === recommendation.memoryMB) return undefined;
  const strategy = recommendation.strategy === 'balanced' ? `balanced, weight ${recommendation.balancedWeight}` : recommendation.strategy;
  return {
    deployment,
    recommendation,
    fromMB: deployment.memoryMB,
    toMB: recommendation.memoryMB,
    question: `${unmanaged ? `${name} on ${provider.displayName} was not created by FaaS Lab. ` : ''}Set ${name} on ${provider.displayName} to ${recommendation.memoryMB} MB (now ${deployment.memoryMB} MB), the size recommended by strategy ${strategy}${unmanaged ? ', anyway' : ''}?`,
    unmanaged,
  };
}
