// Where the time of a call that calls other functions goes, hop by hop, and what the waiting costs:
// each caller is billed for its callee's whole round trip (faas-benchmarker's nested experiments).
import { ms, percent } from '../../core/format';
import type { NestedSummary } from '../../core/results/nested';
import { axis, baseOptions, type ChartSpec } from './chart-common';
import { withAlpha, type Palette } from './theme';

export function nestedHopsChart(nested: NestedSummary, palette: Palette): ChartSpec {
  const hops = nested.hops;
  const parts = [
    ["caller's own time", hops.map((h) => h.meanCallerOwnMs), palette.blue],
    ['callee runtime', hops.map((h) => h.meanCalleeRuntimeMs ?? null), palette.green],
    ['hop overhead (round trip − runtime)', hops.map((h) => h.meanHopOverheadMs ?? null), palette.orange],
  ] as const;
  return {
    id: 'nested-hops',
    title: 'Time per nested hop (mean per call)',
    caption:
      `Callee runtime + hop overhead is the callee's round trip, which its caller is billed for while it waits: ` +
      `${ms(nested.meanWaitingBilledMs)} of ${ms(nested.meanBilledMs)} billed per call tree (${percent(nested.waitingShare)}) pays for waiting, over ${nested.trees} trees.`,
    config: {
      type: 'bar',
      data: {
        labels: hops.map((h) => `${h.caller} → ${h.callee}`),
        datasets: parts.map(([label, data, colour]) => ({ label, data, backgroundColor: withAlpha(colour, 0.8), borderColor: colour, borderWidth: 1, stack: 'hop' })),
      },
      options: {
        ...baseOptions(palette),
        indexAxis: 'y' as const,
        scales: { x: axis(palette, { title: 'time per call', min: 0, stacked: true, format: (v) => ms(v) }), y: axis(palette, { title: 'hop', type: 'category', stacked: true }) },
      },
    },
  };
}
