// A SAAF-style JSON response -> FaaS Lab's metrics. SAAF's Java and Node.js Inspectors name the
// /proc/stat deltas cpuUsrDelta, cpuKrnDelta, ...; its Python Inspector (FaaSET) cpuUserDelta,
// cpuKernelDelta, ...: both are read. Numbers SAAF writes as strings ("904") are read as numbers.
import type { FunctionMetrics } from '../../core/model';

type NumberField = Exclude<{ [K in keyof FunctionMetrics]-?: NonNullable<FunctionMetrics[K]> extends number ? K : never }[keyof FunctionMetrics], 'newcontainer'>;
type StringField = { [K in keyof FunctionMetrics]-?: NonNullable<FunctionMetrics[K]> extends string ? K : never }[keyof FunctionMetrics];

/** Metric -> the SAAF names it goes by, first match wins. */
const NUMBERS: ReadonlyArray<readonly [NumberField, ...string[]]> = [
  ['vmuptime', 'vmuptime'],
  ['cpuCores', 'cpuCores'],
  ['runtime', 'runtime'],
  ['startTime', 'startTime'],
  ['endTime', 'endTime'],
  ['cpuUserDelta', 'cpuUserDelta', 'cpuUsrDelta'],
  ['cpuNiceDelta', 'cpuNiceDelta'],
  ['cpuKernelDelta', 'cpuKernelDelta', 'cpuKrnDelta'],
  ['cpuIdleDelta', 'cpuIdleDelta'],
  ['cpuIOWaitDelta', 'cpuIOWaitDelta', 'cpuIowaitDelta'],
  ['cpuIrqDelta', 'cpuIrqDelta'],
  ['cpuSoftIrqDelta', 'cpuSoftIrqDelta'],
  ['cpuStealDelta', 'cpuStealDelta', 'vmcpustealDelta'],
  ['contextSwitchesDelta', 'contextSwitchesDelta'],
  ['pageFaultsDelta', 'pageFaultsDelta'],
  ['totalMemory', 'totalMemory'],
  ['freeMemory', 'freeMemory'],
  ['functionMemory', 'functionMemory'],
];

const STRINGS: ReadonlyArray<readonly [StringField, ...string[]]> = [
  ['uuid', 'uuid'],
  ['cpuType', 'cpuType'],
  ['cpuModel', 'cpuModel'],
  ['lang', 'lang'],
  ['version', 'version'],
  ['functionRegion', 'functionRegion'],
  ['functionName', 'functionName'],
];

export function saafMetrics(response: Record<string, unknown>): FunctionMetrics {
  const metrics: FunctionMetrics = {};
  for (const [field, ...names] of NUMBERS) {
    const value = names.map((n) => numberOf(response[n])).find((v) => v !== undefined);
    if (value !== undefined) metrics[field] = value;
  }
  for (const [field, ...names] of STRINGS) {
    const value = names.map((n) => response[n]).find((v) => typeof v === 'string' || typeof v === 'number');
    if (value !== undefined) metrics[field] = String(value);
  }
  const fresh = numberOf(response.newcontainer);
  if (fresh === 0 || fresh === 1) metrics.newcontainer = fresh;
  return metrics;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
