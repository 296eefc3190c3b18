// The cost a run is expected to have, worked out before any call, so budgetUSD can refuse a run
// that would cost more. The estimate is deliberately an upper bound unless the user says how
// long a call takes: a budget that a run can overshoot is not a budget.
import { usd } from '../format';
import { UserError, type Deployment, type PlatformId } from '../model';
import { estimateInvocationCostUSD, type PriceTable } from '../results/cost';
import { idleSearchMaxCalls } from './idle-search';
import type { Plan } from './plan';
import { AS_DEPLOYED } from './spec';

export interface CostLine {
  platform: PlatformId;
  memoryMB: number;
  calls: number;
  durationMs: number;
  usd: number;
}

export interface CostEstimate {
  totalUSD: number;
  calls: number;
  lines: CostLine[];
  /** How the duration per call was chosen, in words. */
  durationBasis: string;
}

/**
 * Estimate the calls still to make (`doneIn` counts the calls already recorded in a range of seqs,
 * e.g. on resume). Duration per call: expectedDurationMs when given, else the deployment's
 * timeout, the most a call can bill. Throttled retries are not counted: platforms do not bill a
 * throttled call. An idle search counts the most calls it can make. Works per memory setting, so a
 * plan of 10^10 calls is priced without being walked.
 */
export function estimatePlanCost(
  plan: Plan,
  deployments: ReadonlyMap<PlatformId, Deployment>,
  doneIn: (firstSeq: number, size: number) => number = () => 0,
  prices?: PriceTable,
): CostEstimate {
  const spec = plan.spec;
  const lines = new Map<string, CostLine>();
  const searchCalls = spec.idle?.search ? idleSearchMaxCalls(spec.idle.search, spec.idle.repeat) : 0;
  for (const setting of plan.settings()) {
    const dep = deployments.get(setting.platform);
    if (!dep) continue;
    const memoryMB = setting.memoryMB === AS_DEPLOYED ? dep.memoryMB : setting.memoryMB;
    const durationMs = spec.expectedDurationMs ?? dep.timeoutS * 1000;
    const calls = searchCalls || setting.size - doneIn(setting.firstSeq, setting.size);
    if (calls === 0) continue;
    const key = `${setting.platform}/${memoryMB}`;
    const line = lines.get(key) ?? { platform: setting.platform, memoryMB, calls: 0, durationMs, usd: 0 };
    line.calls += calls;
    line.usd += calls * estimateInvocationCostUSD(setting.platform, memoryMB, durationMs, prices);
    lines.set(key, line);
  }
  const all = [...lines.values()];
  const timeouts = [...new Set([...deployments.values()].map((d) => d.timeoutS))];
  const perCall =
    spec.expectedDurationMs !== undefined
      ? `${spec.expectedDurationMs} ms per call (expectedDurationMs)`
      : `the function's timeout per call (${timeouts.map((t) => `${t} s`).join(', ')}), an upper bound; set expectedDurationMs for a closer estimate`;
  const durationBasis = searchCalls > 0 ? `${perCall}; the idle search's most calls (${searchCalls} per memory setting)` : perCall;
  return { totalUSD: all.reduce((s, l) => s + l.usd, 0), calls: all.reduce((s, l) => s + l.calls, 0), lines: all, durationBasis };
}

/** Throws a UserError that shows the estimate and how it was computed when it exceeds budgetUSD. */
export function enforceBudget(budgetUSD: number | undefined, estimate: CostEstimate): void {
  if (budgetUSD === undefined || estimate.totalUSD <= budgetUSD) return;
  const breakdown = estimate.lines
    .map((l) => `${l.platform} ${l.memoryMB} MB: ${l.calls} calls × ${l.durationMs} ms = ${usd(l.usd)}`)
    .join('; ');
  throw new UserError(
    `Estimated cost ${usd(estimate.totalUSD)} is above budgetUSD ${usd(budgetUSD)}, so the run did not start. ` +
      `Estimate: ${estimate.calls} calls at ${estimate.durationBasis}, priced per platform and memory size (${breakdown}). ` +
      `Raise budgetUSD, set expectedDurationMs, or plan fewer runs, iterations or memory settings.`,
  );
}
