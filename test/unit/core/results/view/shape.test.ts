import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeRun } from '../../../../../src/core/results/summary';
import { MAX_BINS, MAX_CDF_POINTS } from '../../../../../src/core/results/view/distribution';
import { isRunView } from '../../../../../src/webviews/results/protocol';
import { groupFieldsFor, shapeRun } from '../../../../../src/core/results/view/shape';
import { MAX_TIMELINE_POINTS } from '../../../../../src/core/results/view/timeline';
import { generateRecords, runInfo } from '../../../../fixtures/webview-browser/generate';

const records = generateRecords({ count: 4000, warmupPerSize: 8, seed: 7 });
const view = shapeRun({ runDir: '/runs/hello/1', info: runInfo(), records });
const summary = summarizeRun(runInfo(), records, { groupBy: ['function', 'platform', 'memoryMB'] });

test('a run view passes the protocol check and survives JSON', () => {
  assert.ok(isRunView(view));
  assert.ok(isRunView(JSON.parse(JSON.stringify(view))));
});

test('one group per function · platform · memory size, numbers as the summary computed them', () => {
  assert.deepEqual(
    view.groups.map((g) => g.label),
    ['hello · aws · 128 MB', 'hello · aws · 256 MB', 'hello · aws · 512 MB', 'hello · aws · 1024 MB'],
  );
  for (const [i, row] of view.table.entries()) {
    const g = summary.groups[i]!;
    assert.equal(row.label, g.label);
    assert.equal(row.n, g.n);
    assert.equal(row.failed, g.n - g.statuses.ok);
    assert.equal(row.metrics.roundTripMs?.p95, g.roundTripMs?.p95);
    assert.equal(row.metrics.runtime?.ciLow, g.runtime?.ciLow);
    assert.equal(row.coldStartRate, g.coldStarts.rate);
    assert.equal(row.costPerMillionUSD, g.cost.perMillionUSD);
  }
  assert.equal(view.totals.records, records.length);
  assert.equal(view.totals.warmupExcluded, 32);
});

test('distributions are of ok calls, binned and decimated within bounds', () => {
  for (const g of view.groups) {
    const rt = g.distributions.roundTripMs!;
    const ok = records.filter((r) => !r.warmup && r.status === 'ok' && r.memoryMB === g.memoryMB).length;
    assert.equal(rt.histogram.counts.reduce((a, b) => a + b, 0) + rt.histogram.overflow, ok);
    assert.ok(rt.histogram.counts.length <= MAX_BINS);
    assert.ok(rt.cdf.x.length <= MAX_CDF_POINTS);
    assert.ok(g.distributions.runtime);
  }
});

test('cold and warm split of ok calls', () => {
  for (const g of view.groups) {
    const ok = records.filter((r) => !r.warmup && r.status === 'ok' && r.memoryMB === g.memoryMB);
    assert.equal(g.cold?.n ?? 0, ok.filter((r) => r.cold).length);
    assert.equal(g.warm?.n, ok.filter((r) => !r.cold).length);
    if (g.cold) assert.ok(g.cold.p50Ms > g.warm!.p50Ms, 'cold starts are slower in the generated data');
  }
});

test('memory series: percentiles, CPU in ms, cost and the summary’s trade-off picks', () => {
  assert.equal(view.memory.length, 1);
  const m = view.memory[0]!;
  assert.equal(m.target, 'hello · aws');
  assert.deepEqual(m.memoryMB, [128, 256, 512, 1024]);
  assert.deepEqual(m.percentiles.p50, summary.groups.map((g) => g.roundTripMs!.p50));
  assert.deepEqual(m.percentiles.p99, summary.groups.map((g) => g.roundTripMs!.p99));
  // The records' CPU deltas are ms (SAAF's Python unit), as the chart shows them.
  const userMs = summary.byMemory[0]!.cpu.cpuUserDelta!.mean;
  assert.ok(Math.abs(m.cpu!.userMs[0]! - userMs) < 1e-9);
  const trade = summary.tradeOffs[0]!;
  assert.equal(m.memoryMB[m.bestIndex!], trade.best!.memoryMB);
  assert.equal(m.memoryMB[m.cheapestIndex!], trade.cheapest!.memoryMB);
  assert.equal(m.memoryMB[m.fastestIndex!], trade.fastest!.memoryMB);
  assert.equal(m.durationMetric, 'runtime');
  assert.deepEqual(m.costPerMillionUSD, summary.byMemory.map((p) => p.cost.perMillionUSD));
});

test('timeline covers warm-ups too, within the point budget', () => {
  assert.ok(view.timeline);
  assert.ok(view.timeline.t.length <= MAX_TIMELINE_POINTS);
  const completed = view.timeline.coldStarts.reduce((a, b) => a + b, 0);
  assert.equal(completed, records.filter((r) => r.cold).length);
});

test('payloads split groups only when the run used more than one', () => {
  assert.deepEqual(groupFieldsFor(records), ['function', 'platform', 'memoryMB']);
  const two = records.map((r, i) => ({ ...r, payloadIndex: i % 2 }));
  assert.deepEqual(groupFieldsFor(two), ['function', 'platform', 'memoryMB', 'payloadIndex']);
  const v = shapeRun({ runDir: '/r', info: runInfo(), records: two });
  assert.equal(v.groups.length, 8);
  assert.equal(v.groups[0]!.label, 'hello · aws · 128 MB · payload 0');
  // Per-memory charts still merge payloads: one point per size.
  assert.deepEqual(v.memory[0]!.memoryMB, [128, 256, 512, 1024]);
  assert.ok(v.memory[0]!.percentiles.p50.every((p) => p !== null));
});

test('an empty run (just started) shapes without charts', () => {
  const empty = shapeRun({ runDir: '/r', info: { ...runInfo(), status: 'running' }, records: [] });
  assert.ok(isRunView(empty));
  assert.equal(empty.live, true);
  assert.deepEqual(empty.groups, []);
  assert.equal(empty.timeline, undefined);
});

test('notes say what the charts leave out', () => {
  const local = generateRecords({ count: 200, platform: 'local', warmupPerSize: 2 }).map((r) => ({ ...r, runtime: undefined, latencyMs: undefined }));
  const v = shapeRun({ runDir: '/r', info: runInfo(), records: local, problems: ['invocations.jsonl: line 3 is not valid JSON; skipped'] });
  assert.ok(v.notes.some((n) => n.startsWith('8 warm-up calls')));
  assert.ok(v.notes.some((n) => n.includes('No function runtime reported')));
  assert.ok(v.notes.includes('invocations.jsonl: line 3 is not valid JSON; skipped'));
  assert.equal(v.memory[0]!.bestIndex, undefined, 'local calls are free: no cost trade-off');
});

test('shaping 100,000 calls (the time is an npm run bench figure)', () => {
  const big = generateRecords({ count: 100_000, warmupPerSize: 8, seed: 11 });
  const v = shapeRun({ runDir: '/r', info: runInfo(), records: big });
  const bytes = JSON.stringify(v).length;
  assert.ok(bytes < 1024 * 1024, 'what the webview receives stays small');
});
