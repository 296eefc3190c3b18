// The cost a run is expected to have, worked out before any call, so budgetUSD can refuse a run
// that would cost more. The estimate is deliberately an upper bound unless the user says how
// long a call takes: a budget that a run can overshoot is not a budget.
import { usd } from '../format';
import { UserError, type Deployment, type PlatformId } from '../model';
import { estimateInvocationCostUSD, type PriceTable } from '../results/cost';
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
 * Estimate the calls still to make (`remaining` filters the plan, e.g. on resume). Duration per
 * call: expectedDurationMs when given, else the deployment's timeout, the most a call can bill.
 * Throttled retries are not counted: platforms do not bill a throttled call.
 */
export function estimatePlanCost(
  plan: Plan,
  deployments: ReadonlyMap<PlatformId, Deployment>,
  remaining: (seq: number) => boolean = () => true,
  prices?: PriceTable,
): CostEstimate {
  const spec = plan.spec;
  const lines = new Map<string, CostLine>();
  for (const it of plan.iterations) {
    const dep = deployments.get(it.platform);
    if (!dep) continue;
    const memoryMB = it.memoryMB === AS_DEPLOYED ? dep.memoryMB : it.memoryMB;
    const durationMs = spec.expectedDurationMs ?? dep.timeoutS * 1000;
    const calls = it.calls.reduce((n, c) => n + (remaining(c.seq) ? 1 : 0), 0);
    if (calls === 0) continue;
    const key = `${it.platform}/${memoryMB}`;
    const line = lines.get(key) ?? { platform: it.platform, memoryMB, calls: 0, durationMs, usd: 0 };
    line.calls += calls;
    line.usd += calls * estimateInvocationCostUSD(it.platform, memoryMB, durationMs, prices);
    lines.set(key, line);
  }
  const all = [...lines.values()];
  const timeouts = [...new Set([...deployments.values()].map((d) => d.timeoutS))];
  const durationBasis =
    spec.expectedDurationMs !== undefined
      ? `${spec.expectedDurationMs} ms per call (expectedDurationMs)`
      : `the function's timeout per call (${timeouts.map((t) => `${t} s`).join(', ')}), an upper bound; set expectedDurationMs for a closer estimate`;
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
