import assert from 'node:assert/strict';
import { test } from 'node:test';
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
