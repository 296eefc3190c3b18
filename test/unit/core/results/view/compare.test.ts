import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkRegressions, DEFAULT_CHECKS } from '../../../../../src/core/results/regression';
import { readRun } from '../../../../../src/core/results/store';
import { delta, NOISE_PCT, shapeComparison } from '../../../../../src/core/results/view/compare';
import { isComparisonView } from '../../../../../src/webviews/results/protocol';
import { generateRecords, runInfo } from '../../../../fixtures/webview-browser/generate';

test('delta: % change, lower is better, small changes are noise', () => {
  assert.deepEqual(delta('roundTripP50Ms', 100, 80), { metric: 'roundTripP50Ms', before: 100, after: 80, changePct: -20, verdict: 'better' });
  assert.equal(delta('roundTripP95Ms', 100, 125).changePct, 25);
  assert.equal(delta('roundTripP95Ms', 100, 125).verdict, 'worse');
  assert.equal(delta('runtimeP50Ms', 100, 100 + NOISE_PCT - 1).verdict, 'same');
  assert.equal(delta('costPerMillionUSD', 0, 0.2).changePct, null);
  assert.equal(delta('costPerMillionUSD', 0, 0.2).verdict, 'worse');
});

test('delta: means are judged by whether their 95% confidence intervals overlap', () => {
  const apart = delta('runtimeMeanMs', 100, 90, { x: [98, 102], y: [88, 92] });
  assert.equal(apart.ciOverlap, false);
  assert.equal(apart.verdict, 'better');
  // A 10% drop inside overlapping intervals is not a measured change.
  const overlapping = delta('runtimeMeanMs', 100, 90, { x: [80, 120], y: [70, 110] });
  assert.equal(overlapping.ciOverlap, true);
  assert.equal(overlapping.verdict, 'same');
});

test('delta: cold-start rate moves in percentage points', () => {
  assert.equal(delta('coldStartRate', 0.01, 0.02).verdict, 'same');
  assert.equal(delta('coldStartRate', 0.01, 0.05).verdict, 'worse');
});

test('comparison of a 20% faster code change: runtime better, CIs apart, groups matched', () => {
  const before = generateRecords({ count: 8000, seed: 1 });
  const after = generateRecords({ count: 8000, seed: 2, speed: 0.8 });
  const view = shapeComparison({ runDir: '/runs/hello/a', info: runInfo(), records: before }, { runDir: '/runs/hello/b', info: runInfo(), records: after });
  assert.ok(isComparisonView(view));
  assert.equal(view.groups.length, 4);
  for (const g of view.groups) {
    const p50 = g.deltas.find((d) => d.metric === 'runtimeP50Ms')!;
    assert.ok(p50.changePct! < -15 && p50.changePct! > -25, `${g.label}: ${p50.changePct}`);
    assert.equal(p50.verdict, 'better');
    const mean = g.deltas.find((d) => d.metric === 'runtimeMeanMs')!;
    assert.equal(mean.ciOverlap, false);
    assert.ok(g.distributions.roundTripMs && g.distributions.runtime);
  }
  assert.deepEqual(view.onlyBefore, []);
});

test('comparison: groups in only one run are listed, not compared', () => {
  const before = generateRecords({ count: 400, memorySizes: [128, 256] });
  const after = generateRecords({ count: 400, memorySizes: [256, 512] });
  const view = shapeComparison({ runDir: '/a', info: runInfo(), records: before }, { runDir: '/b', info: runInfo('other'), records: after });
  assert.deepEqual(view.groups.map((g) => g.label), ['hello · aws · 256 MB']);
  assert.deepEqual(view.onlyBefore, ['hello · aws · 128 MB']);
  assert.deepEqual(view.onlyAfter, ['hello · aws · 512 MB']);
  assert.ok(view.notes[0]!.startsWith('Different experiments'));
});

test('comparison of two load-sweep runs: each step is a group of its own, as `faas-lab compare` groups them, with its calls charted', async () => {
  // The golden load sweep (3 functions × 3 steps); the "after" run is the same calls 20% slower at step 3.
  const { info, records } = await readRun(path.resolve(__dirname, '../../../../fixtures/store-golden/runs/steps/2026-11-23T10-00-00-000Z'));
  const slower = records.map((r) => (r.step === 2 && r.runtime !== undefined ? { ...r, runtime: r.runtime * 1.2 } : r));
  const before = { runDir: '/a', info, records };
  const after = { runDir: '/b', info, records: slower };
  const view = shapeComparison(before, after);
  const cliGroups = [...new Set(checkRegressions(before, after, DEFAULT_CHECKS).rows.map((r) => r.group))];
  assert.equal(view.groups.length, 9);
  assert.deepEqual(view.groups.map((g) => g.label), cliGroups);
  for (const g of view.groups) {
    const step = Number(/step (\d+)/.exec(g.label)![1]) - 1;
    const fn = g.label.split(' · ')[0];
    const calls = records.filter((r) => r.function === fn && r.step === step && !r.warmup && r.status === 'ok').length;
    assert.ok(calls > 0);
    const rt = g.distributions.roundTripMs;
    assert.ok(rt && g.distributions.runtime, `${g.label} has no distributions`);
    const charted = rt.before.histogram.counts.reduce((s, n) => s + n, 0) + rt.before.histogram.overflow;
    assert.equal(charted, calls, g.label);
    const runtimeP50 = g.deltas.find((d) => d.metric === 'runtimeP50Ms')!;
    assert.equal(runtimeP50.verdict, step === 2 ? 'worse' : 'same', g.label);
  }
});
