// Series over memory sizes, per function · platform: round-trip percentiles, CPU time split by
// state, and cost vs. duration with the trade-off picks of the summary module marked.
import type { InvocationRecord } from '../record';
import type { MetricStats } from '../stats';
import { groupRecords, summarizeGroup, type CpuField, type CpuMeans, type GroupKey, type RunSummary } from '../summary';
import type { CpuSeries, MemorySeries } from './types';

export function targetLabel(fn: string, platform: string): string {
  return `${fn} · ${platform}`;
}

/** `measured`: the records the summary covers (warm-ups left out). */
export function memorySeries(summary: RunSummary, measured: readonly InvocationRecord[]): MemorySeries[] {
  let bySize: ReturnType<typeof groupRecords> | undefined;
  const recordsBySize = () => (bySize ??= groupRecords(measured, ['function', 'platform', 'memoryMB']));
  const out: MemorySeries[] = [];
  for (const trade of summary.tradeOffs) {
    const points = summary.byMemory.filter((p) => p.function === trade.function && p.platform === trade.platform);
    const target = targetLabel(trade.function, trade.platform);
    const pct: MemorySeries['percentiles'] = { p50: [], p90: [], p95: [], p99: [] };
    for (const p of points) {
      const rt = roundTripAt(summary, p.function, p.platform, p.memoryMB) ?? roundTripOf(recordsBySize(), summary, p.function, p.platform, p.memoryMB);
      pct.p50.push(rt?.p50 ?? null);
      pct.p90.push(rt?.p90 ?? null);
      pct.p95.push(rt?.p95 ?? null);
      pct.p99.push(rt?.p99 ?? null);
    }
    const memoryMB = points.map((p) => p.memoryMB);
    const indexOf = (mb: number | undefined) => (mb === undefined ? undefined : memoryMB.indexOf(mb));
    const series: MemorySeries = {
      target,
      memoryMB,
      percentiles: pct,
      durationMetric: trade.durationMetric,
      payloads: trade.payloads,
      ...(trade.payloadWeights ? { payloadWeights: trade.payloadWeights } : {}),
      p50DurationMs: points.map((p) => (trade.durationMetric === 'runtime' ? p.p50RuntimeMs : p.p50RoundTripMs) ?? null),
      costPerMillionUSD: points.map((p) => p.cost.perMillionUSD ?? null),
    };
    const cpu = cpuSeries(points.map((p) => p.cpu));
    if (cpu) series.cpu = cpu;
    const best = indexOf(trade.best?.memoryMB);
    const cheapest = indexOf(trade.cheapest?.memoryMB);
    const fastest = indexOf(trade.fastest?.memoryMB);
    if (best !== undefined && best >= 0) series.bestIndex = best;
    if (cheapest !== undefined && cheapest >= 0) series.cheapestIndex = cheapest;
    if (fastest !== undefined && fastest >= 0) series.fastestIndex = fastest;
    out.push(series);
  }
  return out;
}

const same = (key: GroupKey, fn: string, platform: string, memoryMB: number) =>
  key.function === fn && key.platform === platform && key.memoryMB === memoryMB;

/** From the summary's own groups, when they are exactly function × platform × memory size. */
function roundTripAt(summary: RunSummary, fn: string, platform: string, memoryMB: number): MetricStats | undefined {
  const exact = summary.groups.find((g) => same(g.key, fn, platform, memoryMB) && g.key.payloadIndex === undefined && g.key.cold === undefined);
  return exact?.roundTripMs;
}

function roundTripOf(groups: ReturnType<typeof groupRecords>, summary: RunSummary, fn: string, platform: string, memoryMB: number): MetricStats | undefined {
  const group = groups.find((g) => same(g.key, fn, platform, memoryMB));
  return group && summarizeGroup(group.key, group.records, summary.options).roundTripMs;
}

/** The records' CPU deltas are in ms already (SAAF's Python unit), as the chart shows them. */
function cpuSeries(means: CpuMeans[]): CpuSeries | undefined {
  const column = (field: CpuField) => means.map((m) => (m[field] === undefined ? null : m[field].mean));
  const series: CpuSeries = {
    userMs: column('cpuUserDelta'),
    kernelMs: column('cpuKernelDelta'),
    idleMs: column('cpuIdleDelta'),
    ioWaitMs: column('cpuIOWaitDelta'),
    stealMs: column('cpuStealDelta'),
  };
  return Object.values(series).some((values: (number | null)[]) => values.some((v) => v !== null)) ? series : undefined;
}
