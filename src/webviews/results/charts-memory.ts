// Charts over memory sizes for one function on one platform: round-trip percentiles, CPU time
// by state (stacked), and cost vs. duration with the best trade-off marked.
import { axis, baseOptions, type ChartSpec } from './chart-common';
import { medianAxisLabel, medianBasis, memorySize, ms, usd } from '../../core/format';
import { withAlpha, type Palette } from './theme';
import type { MemorySeries } from '../../core/results/view/types';

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function percentilesChart(series: MemorySeries, palette: Palette): ChartSpec {
  const lines = [
    ['p50', palette.blue],
    ['p90', palette.green],
    ['p95', palette.orange],
    ['p99', palette.red],
  ] as const;
  return {
    id: `percentiles-${slug(series.target)}`,
    title: `Round-trip percentiles per memory size · ${series.target}`,
    caption: 'Where the lines converge, more memory no longer buys speed; a wide p99–p50 gap is an unsteady tail.',
    config: {
      type: 'line',
      data: {
        labels: series.memoryMB.map(memorySize),
        datasets: lines.map(([p, colour]) => ({ label: p, data: series.percentiles[p], borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 3, spanGaps: true })),
      },
      options: {
        ...baseOptions(palette),
        scales: { x: axis(palette, { title: 'memory', type: 'category' }), y: axis(palette, { title: 'round trip', min: 0, format: (v) => ms(v) }) },
      },
    },
  };
}

export function cpuChart(series: MemorySeries, palette: Palette): ChartSpec | undefined {
  const cpu = series.cpu;
  if (!cpu) return undefined;
  const parts = [
    ['user', cpu.userMs, palette.blue],
    ['kernel', cpu.kernelMs, palette.orange],
    ['I/O wait', cpu.ioWaitMs, palette.purple],
    ['steal', cpu.stealMs, palette.red],
    ['idle', cpu.idleMs, palette.muted],
  ] as const;
  return {
    id: `cpu-${slug(series.target)}`,
    title: `CPU time per call · ${series.target}`,
    caption: 'Mean /proc/stat time per call by CPU state, over all the instance’s cores (SAAF’s deltas, in ms). More idle than user time: the call waited, not computed.',
    config: {
      type: 'bar',
      data: {
        labels: series.memoryMB.map(memorySize),
        datasets: parts
          .filter(([, values]) => values.some((v) => v !== null && v > 0))
          .map(([label, values, colour]) => ({ label, data: values, backgroundColor: withAlpha(colour, 0.8), borderColor: colour, borderWidth: 1, stack: 'cpu' })),
      },
      options: {
        ...baseOptions(palette),
        scales: { x: axis(palette, { title: 'memory', type: 'category', stacked: true }), y: axis(palette, { title: 'CPU time per call', min: 0, stacked: true, format: (v) => ms(v) }) },
      },
    },
  };
}

/** Sentence naming the picks, for the caption (and the screen reader), with what the median is as the report says it. */
export function tradeOffText(series: MemorySeries): string {
  const at = (i: number | undefined) => (i === undefined ? undefined : memorySize(series.memoryMB[i]!));
  const metric = medianBasis(series.durationMetric, series.payloads, series.payloadWeights);
  if (series.bestIndex === undefined) return `Calls on this platform cost nothing; fastest at ${at(series.fastestIndex) ?? '–'} (${metric}).`;
  const picks = [`Best trade-off: ${at(series.bestIndex)} (lowest cost per call × ${metric})`];
  if (series.cheapestIndex !== undefined) picks.push(`cheapest ${at(series.cheapestIndex)}`);
  if (series.fastestIndex !== undefined) picks.push(`fastest ${at(series.fastestIndex)}`);
  return `${picks.join('; ')}.`;
}

export function costChart(series: MemorySeries, palette: Palette): ChartSpec {
  const best = series.bestIndex;
  const barColour = series.memoryMB.map((_, i) => (i === best ? palette.green : palette.blue));
  const durationLabel = medianAxisLabel(series.durationMetric, series.payloads, series.payloadWeights);
  return {
    id: `cost-${slug(series.target)}`,
    title: `Cost and duration per memory size · ${series.target}`,
    caption: tradeOffText(series) + (best === undefined ? '' : ' The green bar is the best trade-off.'),
    config: {
      type: 'bar',
      data: {
        labels: series.memoryMB.map((mb, i) => (i === best ? `${memorySize(mb)} ★ best` : memorySize(mb))),
        datasets: [
          { label: 'cost per 1M calls', data: series.costPerMillionUSD, backgroundColor: barColour.map((c) => withAlpha(c, 0.7)), borderColor: barColour, borderWidth: 1, yAxisID: 'y', order: 2 },
          {
            type: 'line' as const,
            label: durationLabel,
            data: series.p50DurationMs,
            borderColor: palette.orange,
            backgroundColor: palette.orange,
            borderWidth: 2,
            pointRadius: series.memoryMB.map((_, i) => (i === best ? 6 : 3)),
            pointStyle: series.memoryMB.map((_, i) => (i === best ? 'star' : 'circle')),
            yAxisID: 'y2',
            order: 1,
          },
        ],
      },
      options: {
        ...baseOptions(palette),
        scales: {
          x: axis(palette, { title: 'memory', type: 'category' }),
          y: axis(palette, { title: 'cost per 1M calls (USD, list price)', min: 0, format: (v) => usd(v) }),
          y2: axis(palette, { title: durationLabel, min: 0, position: 'right', noGrid: true, format: (v) => ms(v) }),
        },
      },
    },
  };
}
