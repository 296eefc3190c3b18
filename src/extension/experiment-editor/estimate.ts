// What an experiment will do before it runs: calls per platform and memory size, how long it will
// take, and what it will cost where the function is deployed. Pure (no `vscode`), so it is tested
// directly; the cost uses the same estimate as the budget check, so the two always agree.
import { estimatePlanCost, type CostEstimate } from '../../core/experiment/budget';
import { count } from '../../core/format';
import { planExperiment } from '../../core/experiment/plan';
import { AS_DEPLOYED, type ExperimentSpec } from '../../core/experiment/spec';
import type { Deployment, PlatformId } from '../../core/model';
import type { EstimateLine, EstimateView } from '../../webviews/experiment/protocol';

/** Duration per call assumed for the time estimate when the file gives no expectedDurationMs. */
export const ASSUMED_CALL_MS = 100;

/** Above this many calls the plan is not built in the editor (the counts are still exact). */
const MAX_PLANNED_CALLS = 2_000_000;

/**
 * `deployments`: the function as each platform has it; `missing`: why a platform has none
 * (e.g. "function not deployed"), so its cost is reported unknown rather than guessed.
 */
export function estimateExperiment(
  spec: ExperimentSpec,
  deployments: ReadonlyMap<PlatformId, Deployment>,
  missing: ReadonlyMap<PlatformId, string>,
): EstimateView {
  const memory = spec.memorySettings.length > 0 ? spec.memorySettings : [AS_DEPLOYED];
  const callsPerSetting = spec.iterations * spec.runs;
  const calls = spec.platforms.length * memory.length * callsPerSetting;
  const warmupCalls = spec.platforms.length * memory.length * Math.min(spec.warmupBuffer, spec.iterations) * spec.runs;
  const lines: EstimateLine[] = spec.platforms.flatMap((platform) => memory.map((memoryMB) => ({ platform, memoryMB, calls: callsPerSetting })));
  const notes: string[] = [];
  const view: Extract<EstimateView, { kind: 'estimate' }> = { kind: 'estimate', calls, warmupCalls, lines, ...duration(spec, memory), notes };
  if (spec.coldStart) notes.push('coldStart: the time instances take to be recycled before each iteration is not included');
  if (spec.budgetUSD !== undefined) view.budgetUSD = spec.budgetUSD;

  for (const platform of spec.platforms) {
    if (!deployments.has(platform)) notes.push(`${platform}: cost unknown: ${missing.get(platform) ?? 'function not deployed'}`);
  }
  if (deployments.size === 0) return view;
  if (calls > MAX_PLANNED_CALLS) {
    notes.push(`cost not estimated: ${count(calls)} calls are too many to plan here (the runner plans every call too)`);
    return view;
  }
  const cost = estimatePlanCost(planExperiment(spec), deployments);
  view.costUSD = cost.totalUSD;
  view.costBasis = cost.durationBasis;
  view.lines = lines.map((line) => withCost(line, cost, deployments.get(line.platform)));
  return view;
}

function withCost(line: EstimateLine, cost: CostEstimate, dep: Deployment | undefined): EstimateLine {
  if (!dep) return line;
  const memoryMB = line.memoryMB === AS_DEPLOYED ? dep.memoryMB : line.memoryMB;
  const priced = cost.lines.find((l) => l.platform === line.platform && l.memoryMB === memoryMB);
  // Two settings at the same size share one cost line: each gets its share by calls.
  const share = priced ? priced.usd * (line.calls / priced.calls) : 0;
  return { ...line, memoryMB, costUSD: share };
}

/**
 * Wall-clock time: each iteration takes its slowest thread's calls back to back (closed loop),
 * the arrival span (open loop) or its waves of maxInFlight calls (burst); plus the sleeps after
 * each memory change and between iterations.
 */
function duration(spec: ExperimentSpec, memory: readonly number[]): { durationMs: number; durationBasis: string } {
  const callMs = spec.expectedDurationMs ?? ASSUMED_CALL_MS;
  const callBasis = spec.expectedDurationMs !== undefined ? `${callMs} ms per call (expectedDurationMs)` : `${ASSUMED_CALL_MS} ms per call (assumed: set expectedDurationMs)`;
  const iterations = spec.platforms.length * memory.length * spec.iterations;
  let perIterationMs: number;
  let shape: string;
  if (spec.mode === 'open') {
    const rps = spec.rate?.rps ?? 1;
    perIterationMs = (spec.runs / rps) * 1000;
    shape = `${spec.runs} arrivals at ${rps}/s`;
  } else if (spec.mode === 'burst') {
    const waves = Math.ceil(spec.runs / spec.maxInFlight);
    perIterationMs = waves * callMs;
    shape = `${waves} wave${waves === 1 ? '' : 's'} × ${callBasis}`;
  } else {
    const rounds = Math.ceil(spec.runs / Math.min(spec.threads, spec.runs));
    perIterationMs = rounds * callMs;
    shape = `${rounds} call${rounds === 1 ? '' : 's'} per thread × ${callBasis}`;
  }
  // One before each memory setting's first iteration (as FaaS Runner), one between iterations.
  const sleeps = spec.platforms.length * (memory.length + memory.length * (spec.iterations - 1));
  const sleepMs = spec.sleepTime > 0 ? sleeps * spec.sleepTime * 1000 : 0;
  const sleepBasis = sleepMs > 0 ? ` + ${sleeps} sleep${sleeps === 1 ? '' : 's'} of ${spec.sleepTime} s` : '';
  return { durationMs: iterations * perIterationMs + sleepMs, durationBasis: `${iterations} iteration${iterations === 1 ? '' : 's'} × (${shape})${sleepBasis}` };
}
