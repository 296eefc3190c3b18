// The Chart.js configurations and table cells, built from shaped data without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cdfChart, histogramChart, histogramLabels } from '../../../../src/webviews/results/charts-distribution';
import { costChart, cpuChart, percentilesChart, tradeOffText } from '../../../../src/webviews/results/charts-memory';
import { coldWarmChart, concurrencyChart, latencyChart } from '../../../../src/webviews/results/charts-timeline';
import { callouts, headline } from '../../../../src/webviews/results/compare-page';
import { shapeComparison } from '../../../../src/core/results/view/compare';
import { effectiveGroup, availableMetrics } from '../../../../src/webviews/results/run-page';
import { shapeRun } from '../../../../src/core/results/view/shape';
import { rowCells, TABLE_COLUMNS } from '../../../../src/webviews/results/table';
import { palette } from './palette';
import type { MemorySeries } from '../../../../src/core/results/view/types';
import { generateRecords, runInfo } from '../../../fixtures/webview-browser/generate';

const view = shapeRun({ runDir: '/r', info: runInfo(), records: generateRecords({ count: 4000, seed: 5 }) });

const datasets = (spec: { config: { data: unknown } } | undefined) => (spec?.config.data as { datasets: { label: string; data: unknown[] }[] }).datasets;

test('histogram: one bar per bin plus the overflow bar, labelled by range', () => {
  assert.deepEqual(histogramLabels({ start: 0, width: 25, counts: [1, 2], overflow: 3 }), ['0 ms – 25.0 ms', '25.0 ms – 50.0 ms', '> 50.0 ms']);
  const g = view.groups[0]!;
  const spec = histogramChart(g, 'roundTripMs', palette)!;
  const h = g.distributions.roundTripMs!.histogram;
  assert.equal(datasets(spec)[0]!.data.length, h.counts.length + (h.overflow > 0 ? 1 : 0));
  assert.match(spec.title, /Round trip histogram · hello · aws · 128 MB/);
});

test('CDF: a line per group with the decimated points', () => {
  const spec = cdfChart(view.groups, view.groups[1]!.key, 'runtime', palette)!;
  const sets = datasets(spec);
  assert.equal(sets.length, view.groups.length);
  assert.equal(sets[0]!.data.length, view.groups[0]!.distributions.runtime!.cdf.x.length);
  assert.equal(cdfChart([], undefined, 'runtime', palette), undefined);
});

test('per-memory charts: percentiles, stacked CPU, cost with the best trade-off marked', () => {
  const m = view.memory[0]!;
  assert.deepEqual(datasets(percentilesChart(m, palette)).map((d) => d.label), ['p50', 'p90', 'p95', 'p99']);
  assert.deepEqual(datasets(cpuChart(m, palette)).map((d) => d.label), ['user', 'kernel', 'I/O wait', 'idle'], 'steal is all 0: left out');
  const cost = costChart(m, palette);
  const labels = (cost.config.data as { labels: string[] }).labels;
  assert.equal(labels.filter((l) => l.includes('best')).length, 1);
  assert.ok(labels[m.bestIndex!]!.startsWith(`${m.memoryMB[m.bestIndex!]} MB`));
  assert.match(cost.caption!, /^Best trade-off: \d+ MB \(lowest cost per call × median runtime\); cheapest \d+ MB; fastest \d+ MB\./);
});

test('trade-off text on a free platform names only the fastest size', () => {
  const free: MemorySeries = { target: 'f · local', memoryMB: [128, 256], percentiles: { p50: [2, 1], p90: [2, 1], p95: [2, 1], p99: [2, 1] }, durationMetric: 'roundTrip', payloads: 1, p50DurationMs: [2, 1], costPerMillionUSD: [0, 0], fastestIndex: 1 };
  assert.equal(tradeOffText(free), 'Calls on this platform cost nothing; fastest at 256 MB (median round trip).');
  assert.equal(tradeOffText({ ...free, payloads: 2 }), "Calls on this platform cost nothing; fastest at 256 MB (mean of the 2 payloads' median round trips).");
  assert.equal(
    tradeOffText({ ...free, payloads: 2, payloadWeights: [5, 1] }),
    "Calls on this platform cost nothing; fastest at 256 MB (mean of the 2 payloads' median round trips, weighted 5:1 by payload weight).",
  );
  assert.equal(datasets(costChart({ ...free, payloads: 2, payloadWeights: [5, 1] }, palette))[1]!.label, 'weighted payload-mean median round trip');
});

test('timeline and cold/warm charts', () => {
  assert.equal(datasets(concurrencyChart(view.timeline!, palette)).length, 2);
  const latency = datasets(latencyChart(view.timeline!, palette));
  assert.deepEqual(latency.map((d) => d.label), ['p95', 'p50', 'cold starts', 'failed']);
  const cw = coldWarmChart(view.groups, palette)!;
  assert.deepEqual(datasets(cw).map((d) => d.label), ['cold p50', 'warm p50']);
  assert.equal(coldWarmChart(view.groups.map((g) => ({ ...g, cold: undefined })), palette), undefined);
});

test('table cells: mean ± CI half-width, percentiles, cold-start rate, cost', () => {
  const row = { key: 'k', label: 'hello · aws · 128 MB', n: 1000, failed: 4, metrics: { roundTripMs: { mean: 512.34, ciLow: 510.34, ciHigh: 514.34, p50: 500, p90: 601.2, p95: 650, p99: 9.876 } }, coldStartRate: 0.0123, costPerMillionUSD: 8.3421 };
  const cells = rowCells(row, 'roundTripMs');
  assert.equal(cells.length, TABLE_COLUMNS.length);
  assert.deepEqual(cells, ['hello · aws · 128 MB', '1,000', '4 (0.4%)', '512 ms ± 2.00 ms', '500 ms', '601 ms', '650 ms', '9.88 ms', '1.2%', '$8.34']);
  assert.deepEqual(rowCells(row, 'runtime').slice(3, 5), ['–', '–']);
});

test('group and metric choice fall back to what the run has', () => {
  assert.equal(effectiveGroup(view, { metric: 'roundTripMs', group: 'gone' }), view.groups[0]!.key);
  assert.equal(effectiveGroup(view, { metric: 'roundTripMs', group: view.groups[2]!.key }), view.groups[2]!.key);
  assert.deepEqual(availableMetrics(view), ['roundTripMs', 'runtime']);
});

test('comparison callouts: changes beyond noise, worse first', () => {
  const before = generateRecords({ count: 4000, seed: 1 });
  const after = generateRecords({ count: 4000, seed: 2, speed: 0.8 }).map((r) => (r.memoryMB === 128 ? { ...r, roundTripMs: r.roundTripMs * 2, runtime: r.runtime! * 2 } : r));
  const list = callouts(shapeComparison({ runDir: '/a', info: runInfo(), records: before }, { runDir: '/b', info: runInfo(), records: after }));
  assert.equal(list[0]!.delta.verdict, 'worse');
  assert.equal(list[0]!.group, 'hello · aws · 128 MB');
  assert.ok(list.some((c) => c.delta.verdict === 'better' && c.text.startsWith('Runtime p50 −')));
  // The headline keeps every regression and fills up with the largest improvements.
  const { shown, more } = headline(list, 8);
  const worse = list.filter((c) => c.delta.verdict === 'worse').length;
  assert.ok(worse >= 6);
  assert.equal(shown.filter((c) => c.delta.verdict === 'worse').length, worse);
  assert.equal(shown.length, Math.max(8, worse));
  assert.equal(more, list.length - shown.length);
});
