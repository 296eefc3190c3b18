// Invocation records -> the response dictionaries FaaS Runner's report works on: what the
// function answered (SAAF's fields and the handler's own), plus what experiment_caller.py adds
// (1_run_id, 2_thread_id, zAll, roundTripTime, payload, latency, cpuType " - Model ", endpoint),
// every value turned to text with commas as semicolons, as it does before reporting.
import type { FunctionMetrics } from '../../model';
import { pythonJsonDumps } from '../python-json';
import type { InvocationRecord } from '../record';
import { pyRepr, pyStr } from './python-text';

/** One run as FaaS Runner holds it: values are text, except what the combined report adds. */
export type FaasRunnerRun = Record<string, string | number>;

/** The SAAF metrics a record may carry, under their record (SAAF Python Inspector) names. */
const SAAF_FIELDS: readonly (keyof FunctionMetrics)[] = [
  'uuid', 'newcontainer', 'vmuptime', 'cpuType', 'cpuModel', 'cpuCores', 'lang', 'version', 'runtime', 'startTime', 'endTime',
  'cpuUserDelta', 'cpuNiceDelta', 'cpuKernelDelta', 'cpuIdleDelta', 'cpuIOWaitDelta', 'cpuIrqDelta', 'cpuSoftIrqDelta', 'cpuStealDelta',
  'contextSwitchesDelta', 'pageFaultsDelta', 'totalMemory', 'freeMemory', 'functionMemory', 'functionRegion', 'functionName',
];

export interface RunContext {
  /** Plan.payloads: payloads with parentPayload merged in. */
  payloads: readonly unknown[];
  /** What FaaS Runner puts in `endpoint`: the URL of an http function, else its name. */
  endpoint: string;
}

/**
 * The run FaaS Runner would have recorded for this call, or undefined where it records none: a
 * failed call, or an answer without SAAF's `version` (FaaS Runner's test of a SAAF response).
 */
export function faasRunnerRun(r: InvocationRecord, ctx: RunContext): FaasRunnerRun | undefined {
  if (r.status !== 'ok') return undefined;
  const answer: Record<string, unknown> = { ...(r.response ?? {}) };
  for (const field of SAAF_FIELDS) if (r[field] !== undefined && !(field in answer)) answer[field] = r[field];
  if (answer.version === undefined) return undefined;
  answer['2_thread_id'] = r.thread;
  answer['1_run_id'] = r.threadCall ?? 0;
  answer.zAll = 'Final Results:';
  // round((time.time() - start) * 100000) / 100: milliseconds with two decimals, a float.
  const roundTripTime = Math.round(r.roundTripMs * 100) / 100;
  const floats = new Set(['roundTripTime']);
  answer.roundTripTime = roundTripTime;
  answer.payload = pythonJsonDumps(ctx.payloads[r.payloadIndex]);
  const runtime = Number(answer.runtime);
  if (answer.runtime !== undefined && Number.isFinite(runtime)) {
    answer.latency = Math.round((roundTripTime - Math.trunc(runtime)) * 100) / 100;
    floats.add('latency');
  }
  if (answer.cpuType !== undefined && answer.cpuModel !== undefined) answer.cpuType = `${pyStr(answer.cpuType)} - Model ${pyStr(answer.cpuModel)}`;
  if (!('platform' in answer)) answer.endpoint = ctx.endpoint;
  const run: FaasRunnerRun = {};
  for (const [key, value] of Object.entries(answer)) {
    const text = typeof value === 'string' ? value : pyRepr(value, floats.has(key));
    run[key] = text.replace(/,/g, ';').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  }
  return run;
}
