// Histogram and CDF charts of one metric: per group in a run, and before vs. after in a comparison.
import { axis, baseOptions, seriesColour, type ChartSpec } from './chart-common';
import { count, ms } from '../../core/format';
import { withAlpha, type Palette } from './theme';
import type { CdfSeries, DistributionMetric, DistributionSeries, GroupView, HistogramSeries } from '../../core/results/view/types';

export const METRIC_LABEL: Record<DistributionMetric, string> = { roundTripMs: 'Round trip', runtime: 'Runtime' };

/** Bar labels: each bin's range, and "> x" for the tail cut off into overflow. */
export function histogramLabels(h: HistogramSeries): string[] {
  const labels = h.counts.map((_, i) => `${ms(h.start + i * h.width)} – ${ms(h.start + (i + 1) * h.width)}`);
  if (h.overflow > 0) labels.push(`> ${ms(h.start + h.counts.length * h.width)}`);
  return labels;
}

export function histogramChart(group: GroupView, metric: DistributionMetric, palette: Palette): ChartSpec | undefined {
  const d = group.distributions[metric];
  if (!d) return undefined;
  const h = d.histogram;
  const values = h.overflow > 0 ? [...h.counts, h.overflow] : h.counts;
  const colours = values.map((_, i) => (i >= h.counts.length ? palette.orange : palette.blue));
  const total = values.reduce((a, b) => a + b, 0);
  return {
    id: `histogram-${metric}`,
    title: `${METRIC_LABEL[metric]} histogram · ${group.label}`,
    caption: `${count(total)} ok calls in ${h.counts.length} bins of ${ms(h.width)}${h.overflow > 0 ? `; the orange bar holds the ${count(h.overflow)} slowest (the tail past the 99th percentile)` : ''}.`,
    config: {
      type: 'bar',
      data: {
        labels: histogramLabels(h),
        datasets: [{ label: 'calls', data: values, backgroundColor: colours.map((c) => withAlpha(c, 0.75)), borderColor: colours, borderWidth: 1, barPercentage: 1, categoryPercentage: 1 }],
      },
      options: {
        ...baseOptions(palette, false),
        scales: {
          x: { ...axis(palette, { title: `${METRIC_LABEL[metric]} (ms)`, type: 'category' }), ticks: { ...axis(palette, { title: '' }).ticks, callback: binTick(h) } },
          y: axis(palette, { title: 'calls', min: 0 }),
        },
      },
    },
  };
}

/** Category ticks show each bin's lower edge only, so labels stay short. */
function binTick(h: HistogramSeries) {
  return (_value: number | string, index: number) => (index >= h.counts.length ? `> ${ms(h.start + index * h.width)}` : ms(h.start + index * h.width));
}

function cdfPoints(c: CdfSeries): { x: number; y: number }[] {
  return c.x.map((x, i) => ({ x, y: c.y[i]! }));
}

/** Every group's CDF on one chart; the selected group drawn thicker. */
export function cdfChart(groups: GroupView[], selectedKey: string | undefined, metric: DistributionMetric, palette: Palette): ChartSpec | undefined {
  const shown = groups.filter((g) => g.distributions[metric]);
  if (shown.length === 0) return undefined;
  return {
    id: `cdf-${metric}`,
    title: `${METRIC_LABEL[metric]} CDF · all groups`,
    caption: 'Share of ok calls at or below each duration; further left is faster, a long flat top is a long tail.',
    config: {
      type: 'line',
      data: {
        datasets: shown.map((g, i) => {
          const selected = g.key === selectedKey;
          const colour = seriesColour(palette, i);
          return { label: g.label, data: cdfPoints(g.distributions[metric]!.cdf), borderColor: colour, backgroundColor: colour, borderWidth: selected ? 3 : 1.5, pointRadius: 0 };
        }),
      },
      options: cdfOptions(palette, metric),
    },
  };
}

function cdfOptions(palette: Palette, metric: DistributionMetric) {
  return {
    ...baseOptions(palette),
    parsing: false as const,
    scales: {
      x: axis(palette, { title: `${METRIC_LABEL[metric]} (ms)`, format: (v) => ms(v) }),
      y: axis(palette, { title: 'share of calls', min: 0, max: 1, format: (v) => `${Math.round(v * 100)}%` }),
    },
  };
}

/** Before and after CDFs of one group. */
export function comparisonCdfChart(id: string, label: string, metric: DistributionMetric, pair: { before: DistributionSeries; after: DistributionSeries }, palette: Palette): ChartSpec {
  const line = (name: string, d: DistributionSeries, colour: string, dash: number[]) => ({
    label: name,
    data: cdfPoints(d.cdf),
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    borderDash: dash,
    pointRadius: 0,
  });
  return {
    id,
    title: `${METRIC_LABEL[metric]} CDF · ${label}`,
    caption: 'Dashed: before; solid: after. A curve further left is faster.',
    config: {
      type: 'line',
      data: { datasets: [line('before', pair.before, palette.muted, [6, 4]), line('after', pair.after, palette.blue, [])] },
      options: cdfOptions(palette, metric),
    },
  };
}
