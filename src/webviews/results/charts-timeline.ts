// Over the course of the run: calls in flight and round trip per time bucket (FaaSET's timeline
// figures), and cold vs. warm round trips per group.
import { axis, baseOptions, optionsWithAfterLabel, pointRadius, type ChartSpec } from './chart-common';
import { count, ms } from '../../core/format';
import { withAlpha, type Palette } from './theme';
import type { GroupView, TimelineSeries } from '../../core/results/view/types';

function points(t: number[], values: (number | null)[]): { x: number; y: number | null }[] {
  return t.map((x, i) => ({ x, y: values[i] ?? null }));
}

function bucketText(bucketMs: number): string {
  return bucketMs >= 1000 ? `${bucketMs / 1000} s` : `${bucketMs} ms`;
}

export function concurrencyChart(series: TimelineSeries, palette: Palette): ChartSpec {
  return {
    id: 'concurrency',
    title: 'Concurrency over time',
    caption: `Calls in flight as the client saw them, per ${bucketText(series.bucketMs)}: the mean over each bucket, and the most at any instant.`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'most in flight', data: points(series.t, series.concurrencyMax), borderColor: palette.orange, backgroundColor: palette.orange, borderWidth: 1, pointRadius: 0, stepped: 'before' },
          {
            label: 'mean in flight',
            data: points(series.t, series.concurrencyMean),
            borderColor: palette.blue,
            backgroundColor: withAlpha(palette.blue, 0.2),
            fill: 'origin',
            borderWidth: 1.5,
            pointRadius: 0,
            stepped: 'before',
          },
        ],
      },
      options: {
        ...baseOptions(palette),
        parsing: false,
        scales: { x: axis(palette, { title: 'time since the first call (s)', min: 0 }), y: axis(palette, { title: 'calls in flight', min: 0 }) },
      },
    },
  };
}

export function latencyChart(series: TimelineSeries, palette: Palette): ChartSpec {
  const radius = pointRadius(series.t.length);
  const hasCold = series.coldStarts.some((c) => c > 0);
  const hasErrors = series.errors.some((c) => c > 0);
  return {
    id: 'latency-over-time',
    title: 'Round trip over time',
    caption: `Median and 95th percentile round trip of the ok calls that ended in each ${bucketText(series.bucketMs)}${hasCold || hasErrors ? '; bars: cold starts and failed calls (right axis)' : ''}.`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'p95', data: points(series.t, series.latencyP95Ms), borderColor: palette.orange, backgroundColor: palette.orange, borderWidth: 1.5, pointRadius: radius, spanGaps: true, yAxisID: 'y' },
          { label: 'p50', data: points(series.t, series.latencyP50Ms), borderColor: palette.blue, backgroundColor: palette.blue, borderWidth: 1.5, pointRadius: radius, spanGaps: true, yAxisID: 'y' },
          ...(hasCold ? [{ type: 'bar' as const, label: 'cold starts', data: points(series.t, series.coldStarts), backgroundColor: withAlpha(palette.purple, 0.6), borderColor: palette.purple, yAxisID: 'y2', barThickness: 3 }] : []),
          ...(hasErrors ? [{ type: 'bar' as const, label: 'failed', data: points(series.t, series.errors), backgroundColor: withAlpha(palette.red, 0.6), borderColor: palette.red, yAxisID: 'y2', barThickness: 3 }] : []),
        ],
      },
      options: {
        ...baseOptions(palette),
        parsing: false,
        scales: {
          x: axis(palette, { title: 'time since the first call (s)', min: 0 }),
          y: axis(palette, { title: 'round trip', min: 0, format: (v) => ms(v) }),
          // Bars kept to the bottom quarter, under the lines they annotate.
          ...(hasCold || hasErrors ? { y2: { ...axis(palette, { title: 'cold starts / failed calls', min: 0, position: 'right', noGrid: true }), max: 4 * Math.max(...series.coldStarts, ...series.errors) } } : {}),
        },
      },
    },
  };
}

/** Median round trip of cold and of warm calls, per group; undefined when no group knows both. */
export function coldWarmChart(groups: GroupView[], palette: Palette): ChartSpec | undefined {
  const known = groups.filter((g) => g.cold || g.warm);
  if (!known.some((g) => g.cold)) return undefined;
  const value = (g: GroupView, side: 'cold' | 'warm') => g[side]?.p50Ms ?? null;
  const coldCalls = known.reduce((n, g) => n + (g.cold?.n ?? 0), 0);
  return {
    id: 'cold-warm',
    title: 'Cold vs. warm starts',
    caption: `Median round trip of ok calls that started a new instance (${count(coldCalls)} calls) and of calls that found one warm; hover for mean and p95.`,
    config: {
      type: 'bar',
      data: {
        labels: known.map((g) => g.label),
        datasets: [
          { label: 'cold p50', data: known.map((g) => value(g, 'cold')), backgroundColor: withAlpha(palette.blue, 0.75), borderColor: palette.blue, borderWidth: 1 },
          { label: 'warm p50', data: known.map((g) => value(g, 'warm')), backgroundColor: withAlpha(palette.green, 0.75), borderColor: palette.green, borderWidth: 1 },
        ],
      },
      options: {
        ...optionsWithAfterLabel(palette, (item) => {
          const stats = known[item.dataIndex]?.[item.datasetIndex === 0 ? 'cold' : 'warm'];
          return stats ? `${count(stats.n)} calls · mean ${ms(stats.meanMs)} · p95 ${ms(stats.p95Ms)}` : '';
        }),
        scales: { x: axis(palette, { title: 'group', type: 'category' }), y: axis(palette, { title: 'round trip', min: 0, format: (v) => ms(v) }) },
      },
    },
  };
}
