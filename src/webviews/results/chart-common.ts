// What every results chart shares: the spec the page renders (title, caption, Chart.js config)
// and theme-coloured axes. Builders are pure functions of view data and a palette, so they are
// unit-tested without a browser; only charts.ts touches Chart.js at run time.
import type { ChartConfiguration, ChartType } from 'chart.js';
import type { Palette } from './theme';

export interface ChartSpec {
  /** Stable id: the DOM slot and the PNG file name. */
  id: string;
  title: string;
  /** One line under the chart saying what to read from it. */
  caption?: string;
  config: ChartConfiguration<ChartType, unknown[], string>;
}

export interface AxisOptions {
  title: string;
  type?: 'linear' | 'category' | 'logarithmic';
  min?: number;
  max?: number;
  stacked?: boolean;
  /** Tick label for a value. */
  format?: (value: number) => string;
  position?: 'left' | 'right';
  /** Draw no grid lines for this axis (a second y axis). */
  noGrid?: boolean;
}

export function axis(palette: Palette, options: AxisOptions) {
  const format = options.format;
  return {
    type: options.type ?? 'linear',
    ...(options.min === undefined ? {} : { min: options.min }),
    ...(options.max === undefined ? {} : { max: options.max }),
    ...(options.stacked ? { stacked: true } : {}),
    ...(options.position ? { position: options.position } : {}),
    title: { display: true, text: options.title, color: palette.muted, font: { family: palette.fontFamily, size: palette.fontSize } },
    ticks: {
      color: palette.foreground,
      font: { family: palette.fontFamily, size: palette.fontSize - 1 },
      maxRotation: 0,
      autoSkipPadding: 12,
      ...(format ? { callback: (value: number | string) => (typeof value === 'number' ? format(value) : value) } : {}),
    },
    grid: { color: palette.grid, display: !options.noGrid },
    border: { color: palette.grid },
  };
}

/** Options every chart has: no animation (live updates and 100k-call runs stay instant), themed legend and tooltip. */
export function baseOptions(palette: Palette, legend = true) {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    normalized: true,
    interaction: { mode: 'nearest' as const, intersect: false },
    plugins: {
      legend: {
        display: legend,
        labels: { color: palette.foreground, font: { family: palette.fontFamily, size: palette.fontSize - 1 }, boxWidth: 14 },
      },
      tooltip: {
        backgroundColor: palette.background,
        titleColor: palette.foreground,
        bodyColor: palette.foreground,
        borderColor: palette.grid,
        borderWidth: 1,
        titleFont: { family: palette.fontFamily },
        bodyFont: { family: palette.fontFamily },
      },
    },
  };
}

/** baseOptions whose tooltip adds a line under each value (counts, intervals). */
export function optionsWithAfterLabel(palette: Palette, afterLabel: (item: { dataIndex: number; datasetIndex: number }) => string) {
  const base = baseOptions(palette);
  return { ...base, plugins: { ...base.plugins, tooltip: { ...base.plugins.tooltip, callbacks: { afterLabel } } } };
}

export function seriesColour(palette: Palette, index: number): string {
  return palette.series[index % palette.series.length]!;
}

/** Lines with a point per value only while there are few values (points on 1000 samples are noise). */
export function pointRadius(count: number): number {
  return count > 60 ? 0 : 2;
}
