// What an experiment will do before it runs: calls per platform and memory size, how long it will
// take, and what it will cost where the function is deployed. Pure (no `vscode`), so it is tested
// directly; the cost uses the same estimate as the budget check, so the two always agree.
import { estimatePlanCost, type CostEstimate } from '../../core/experiment/budget';
import { count } from '../../core/format';
import { idleSearchMaxCalls } from '../../core/experiment/idle-search';
import { planExperiment } from '../../core/experiment/plan';
import { AS_DEPLOYED, type ExperimentSpec } from '../../core/experiment/spec';
import type { Deployment, PlatformId } from '../../core/model';
import type { EstimateLine, EstimateView } from '../../webviews/experiment/protocol';

/** Duration per call assumed for the time estimate when the file gives no expectedDurationMs. */
export const ASSUMED_CALL_MS = 100;

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
  const plan = planExperiment(spec);
  const search = spec.idle?.search;
  const searchCalls = search ? idleSearchMaxCalls(search, spec.idle?.repeat ?? 1) : 0;
  const callsPerSetting = search ? searchCalls : plan.totals.calls / (spec.platforms.length * memory.length);
  const calls = search ? searchCalls * spec.platforms.length * memory.length : plan.totals.calls;
  const lines: EstimateLine[] = spec.platforms.flatMap((platform) => memory.map((memoryMB) => ({ platform, memoryMB, calls: callsPerSetting })));
  const notes: string[] = [];
  const view: Extract<EstimateView, { kind: 'estimate' }> = { kind: 'estimate', calls, warmupCalls: plan.totals.warmupCalls, lines, ...duration(spec, memory), notes };
  if (spec.coldStart && !spec.idle) notes.push('coldStart: the time instances take to be recycled before each iteration is not included');
  if (search) notes.push(`idle search: at most ${count(searchCalls)} calls per memory setting; it stops as soon as the bracket is ${search.precisionS} s wide`);
  if (spec.budgetUSD !== undefined) view.budgetUSD = spec.budgetUSD;

  for (const platform of spec.platforms) {
    if (!deployments.has(platform)) notes.push(`${platform}: cost unknown: ${missing.get(platform) ?? 'function not deployed'}`);
  }
  if (deployments.size === 0) return view;
  // Priced per memory setting, as the budget check does: never walks the calls.
  const cost = estimatePlanCost(plan, deployments);
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
 * the arrival span (open loop) or its waves of maxInFlight calls (burst), per load step; plus the
 * sleeps after each memory change and between iterations, and the pauses between steps. Idle
 * probes take two calls and the wait per pair.
 */
function duration(spec: ExperimentSpec, memory: readonly number[]): { durationMs: number; durationBasis: string } {
  const callMs = spec.expectedDurationMs ?? ASSUMED_CALL_MS;
  const callBasis = spec.expectedDurationMs !== undefined ? `${callMs} ms per call (expectedDurationMs)` : `${ASSUMED_CALL_MS} ms per call (assumed: set expectedDurationMs)`;
  const settings = spec.platforms.length * memory.length;
  const settingSleepMs = settings * spec.sleepTime * 1000;
  if (spec.idle) return idleDuration(spec, settings, callMs, callBasis, settingSleepMs);
  const loads = spec.steps?.loads ?? [undefined];
  const iterations = settings * spec.iterations * loads.length;
  let perSettingMs = 0;
  let shape = '';
  for (const load of loads) {
    const step = iterationTime(spec, load, callMs, callBasis);
    perSettingMs += spec.iterations * step.ms;
    shape = step.shape;
  }
  if (spec.steps) shape = `${loads.length} load steps (${loads.join(', ')}) × ${callBasis}`;
  // One before each memory setting's first iteration (as FaaS Runner), one between iterations of a step.
  const sleeps = settings * (1 + loads.length * (spec.iterations - 1));
  const sleepMs = spec.sleepTime > 0 ? sleeps * spec.sleepTime * 1000 : 0;
  const sleepBasis = sleepMs > 0 ? ` + ${sleeps} sleep${sleeps === 1 ? '' : 's'} of ${spec.sleepTime} s` : '';
  const pauses = spec.steps && spec.steps.pauseS > 0 ? settings * (loads.length - 1) : 0;
  const pauseMs = pauses * (spec.steps?.pauseS ?? 0) * 1000;
  const pauseBasis = pauses > 0 ? ` + ${pauses} pause${pauses === 1 ? '' : 's'} of ${spec.steps?.pauseS} s between steps` : '';
  return {
    durationMs: settings * perSettingMs + sleepMs + pauseMs,
    durationBasis: `${iterations} iteration${iterations === 1 ? '' : 's'} × (${shape})${sleepBasis}${pauseBasis}`,
  };
}

/** One iteration at one load (threads, rps or burst size; undefined: the spec's own). */
function iterationTime(spec: ExperimentSpec, load: number | undefined, callMs: number, callBasis: string): { ms: number; shape: string } {
  if (spec.mode === 'open') {
    const rps = load ?? spec.rate?.rps ?? 1;
    return { ms: (spec.runs / rps) * 1000, shape: `${spec.runs} arrivals at ${rps}/s` };
  }
  if (spec.mode === 'burst') {
    const waves = Math.ceil((load ?? spec.runs) / spec.maxInFlight);
    return { ms: waves * callMs, shape: `${waves} wave${waves === 1 ? '' : 's'} × ${callBasis}` };
  }
  const rounds = Math.ceil(spec.runs / Math.min(load ?? spec.threads, spec.runs));
  return { ms: rounds * callMs, shape: `${rounds} call${rounds === 1 ? '' : 's'} per thread × ${callBasis}` };
}

function idleDuration(spec: ExperimentSpec, settings: number, callMs: number, callBasis: string, sleepMs: number): { durationMs: number; durationBasis: string } {
  const idle = spec.idle!;
  const sleepBasis = sleepMs > 0 ? ` + ${settings} sleep${settings === 1 ? '' : 's'} of ${spec.sleepTime} s` : '';
  if (idle.timesS) {
    const waitS = idle.timesS.reduce((s, t) => s + t, 0);
    const pairs = idle.timesS.length * idle.repeat;
    return {
      durationMs: settings * (pairs * 2 * callMs + idle.repeat * waitS * 1000) + sleepMs,
      durationBasis: `${settings} memory setting${settings === 1 ? '' : 's'} × ${pairs} prime/probe pairs (2 calls at ${callBasis} + the idle time)${sleepBasis}`,
    };
  }
  // At most: every doubling up to maxS, then each halving probed at (under) maxS.
  const search = idle.search!;
  let waitS = 0;
  let probes = 0;
  for (let t = search.fromS; ; t = Math.min(t * 2, search.maxS)) {
    waitS += t;
    probes++;
    if (t >= search.maxS) break;
  }
  const halvings = idleSearchMaxCalls(search, 1) / 2 - probes;
  waitS += halvings * search.maxS;
  probes += halvings;
  return {
    durationMs: settings * idle.repeat * (probes * 2 * callMs + waitS * 1000) + sleepMs,
    durationBasis: `at most: ${settings} memory setting${settings === 1 ? '' : 's'} × ${probes * idle.repeat} prime/probe pairs of the idle search (2 calls at ${callBasis} + the idle time)${sleepBasis}`,
  };
}
