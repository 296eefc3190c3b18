// Charts for the engine's experiments: round trip and cold share per load step, cold-start
// probability against idle time, instances over time (scale-out), and the three cold-start signals.
import { axis, baseOptions, optionsWithAfterLabel, seriesColour, type ChartSpec } from './chart-common';
import { count, ms, percent } from '../../core/format';
import { withAlpha, type Palette } from './theme';
import type { ColdSignalsSeries, IdleColdSeries, LoadStepSeries, ScaleOutLine } from '../../core/results/view/experiments';

export function loadStepChart(series: LoadStepSeries, palette: Palette): ChartSpec {
  const hasCold = series.coldRate.some((r) => r !== null);
  return {
    id: 'load-steps',
    title: 'Round trip and cold starts per load step',
    caption: `Median and 95th percentile round trip of each step's ok calls${hasCold ? '; bars: share of the step\u2019s calls that were cold starts (right axis)' : ''}. Where p95 bends up, the platform stops keeping up with the load.`,
    config: {
      type: 'line',
      data: {
        labels: series.labels,
        datasets: [
          { label: 'p95', data: series.p95Ms, borderColor: palette.orange, backgroundColor: palette.orange, borderWidth: 2, pointRadius: 3, spanGaps: true, yAxisID: 'y' },
          { label: 'p50', data: series.p50Ms, borderColor: palette.blue, backgroundColor: palette.blue, borderWidth: 2, pointRadius: 3, spanGaps: true, yAxisID: 'y' },
          ...(hasCold ? [{ type: 'bar' as const, label: 'cold starts', data: series.coldRate.map((r) => (r === null ? null : r * 100)), backgroundColor: withAlpha(palette.purple, 0.45), borderColor: palette.purple, yAxisID: 'y2' }] : []),
        ],
      },
      options: {
        ...baseOptions(palette),
        scales: {
          x: axis(palette, { title: 'load step · threads, rps or burst size', type: 'category' }),
          y: axis(palette, { title: 'round trip', min: 0, format: (v) => ms(v) }),
          ...(hasCold ? { y2: axis(palette, { title: 'cold starts', min: 0, max: 100, position: 'right', noGrid: true, format: (v) => `${v}%` }) } : {}),
        },
      },
    },
  };
}

export function idleColdChart(series: IdleColdSeries, palette: Palette): ChartSpec {
  const pct = (values: (number | null)[]) => values.map((v) => (v === null ? null : v * 100));
  return {
    id: 'idle-cold',
    title: 'Cold-start probability after idle time',
    caption: `Share of probe calls that were cold after the function sat idle that long, with its 95% Wilson interval (${count(series.probes.reduce((a, b) => a + b, 0))} probes; hover for the count per idle time).`,
    config: {
      type: 'bar',
      data: {
        labels: series.labels,
        datasets: [
          { label: 'P(cold)', data: pct(series.probability), backgroundColor: withAlpha(palette.blue, 0.75), borderColor: palette.blue, borderWidth: 1 },
          { type: 'line' as const, label: 'interval high', data: pct(series.ciHigh), showLine: false, pointStyle: 'line', pointRadius: 8, borderColor: palette.foreground, backgroundColor: palette.foreground },
          { type: 'line' as const, label: 'interval low', data: pct(series.ciLow), showLine: false, pointStyle: 'line', pointRadius: 8, borderColor: palette.foreground, backgroundColor: palette.foreground },
        ],
      },
      options: {
        ...optionsWithAfterLabel(palette, ({ dataIndex: i }) => `${count(series.probes[i] ?? 0)} probes · ${percent(series.ciLow[i])}–${percent(series.ciHigh[i])}`),
        scales: { x: axis(palette, { title: 'idle time before the call', type: 'category' }), y: axis(palette, { title: 'cold starts', min: 0, max: 100, format: (v) => `${v}%` }) },
      },
    },
  };
}

export function scaleOutChart(lines: ScaleOutLine[], palette: Palette): ChartSpec {
  return {
    id: 'scale-out',
    title: 'Instances over time (scale-out)',
    caption: 'Distinct instances (SAAF uuid) seen so far against the time since the first call of the run or load step: how many the platform started for the load, and how fast.',
    config: {
      type: 'line',
      data: {
        datasets: lines.map((l, i) => {
          const colour = seriesColour(palette, i);
          return { label: l.label, data: l.tS.map((x, j) => ({ x, y: l.instances[j] })), borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 0, stepped: 'before' as const };
        }),
      },
      options: {
        ...baseOptions(palette),
        parsing: false,
        scales: { x: axis(palette, { title: 'time since the first call (s)', min: 0 }), y: axis(palette, { title: 'instances', min: 0 }) },
      },
    },
  };
}

export function coldSignalsChart(series: ColdSignalsSeries, palette: Palette): ChartSpec {
  return {
    id: 'cold-signals',
    title: 'Cold starts by each signal',
    caption: `Calls each signal calls cold, of those it says anything about; all known signals agree on ${count(series.agree)} of ${count(series.compared)} calls (the report lists where they differ).`,
    config: {
      type: 'bar',
      data: {
        labels: series.signals,
        datasets: [
          { label: 'say cold', data: series.cold, backgroundColor: withAlpha(palette.blue, 0.75), borderColor: palette.blue, borderWidth: 1 },
          { label: 'say warm', data: series.known.map((k, i) => k - (series.cold[i] ?? 0)), backgroundColor: withAlpha(palette.green, 0.75), borderColor: palette.green, borderWidth: 1 },
        ],
      },
      options: {
        ...baseOptions(palette),
        scales: { x: axis(palette, { title: 'signal', type: 'category', stacked: true }), y: axis(palette, { title: 'calls', min: 0, stacked: true }) },
      },
    },
  };
}
