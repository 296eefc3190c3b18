// The experiment charts, built from a RunView shaped from generated load-step, idle-time and
// scale-out records: what each chart draws, and that the message guard accepts the view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shapeRun } from '../../../../src/core/results/view/shape';
import { coldSignalsChart, idleColdChart, loadStepChart, scaleOutChart } from '../../../../src/webviews/results/charts-experiments';
import { isRunView } from '../../../../src/webviews/results/protocol';
import { record, T0 } from '../../core/results/analyses/make-record';
import { palette } from './palette';

const records = [
  ...[0, 1].flatMap((step) => Array.from({ length: 4 }, (_, i) => record({ step, stepLoad: 2 + 2 * step, clientStart: T0 + 1000 * step + 10 * i, roundTripMs: 20 + 10 * step + i, uuid: `s${step}-${i % (step + 1)}`, cold: i === 0, newcontainer: i === 0 ? 1 : 0 }))),
  ...[true, false, true].map((cold, i) => record({ idleRole: 'probe', idleMs: 600_000, cold, clientStart: T0 + 5000 + i })),
  // The platform says cold, the function's newcontainer warm: the cold-signals chart is drawn.
  record({ cold: true, newcontainer: 0, clientStart: T0 + 9000 }),
];
const view = shapeRun({ runDir: '/r', info: { runId: 'exp/1', experiment: 'exp' }, records });
const data = (spec: { config: { data: unknown } }) => spec.config.data as { labels?: string[]; datasets: { label: string; data: unknown[] }[] };

test('the run view carries the experiment series and passes the webview message guard', () => {
  assert.ok(isRunView(view));
  assert.ok(!isRunView({ ...view, experiments: { loadSteps: { labels: ['x'] } } }));
});

test('load steps: p50/p95 lines per step and the cold share in percent', () => {
  const d = data(loadStepChart(view.experiments.loadSteps!, palette));
  assert.deepEqual(d.labels, ['step 0 · 2', 'step 1 · 4']);
  assert.deepEqual(d.datasets.map((x) => x.label), ['p95', 'p50', 'cold starts']);
  assert.deepEqual(d.datasets[1].data, [21.5, 31.5]);
  assert.deepEqual(d.datasets[2].data, [25, 25]);
});

test('idle time: P(cold) per idle time with its interval', () => {
  const spec = idleColdChart(view.experiments.idleCold!, palette);
  const d = data(spec);
  assert.deepEqual(d.labels, ['10 min']);
  assert.ok(Math.abs((d.datasets[0].data[0] as number) - 200 / 3) < 1e-9);
  assert.ok((d.datasets[2].data[0] as number) < 200 / 3 && (d.datasets[1].data[0] as number) > 200 / 3);
  assert.match(spec.caption!, /3 probes/);
});

test('scale-out: one stepped line per segment, instances against seconds; cold signals stacked', () => {
  const d = data(scaleOutChart(view.experiments.scaleOut!, palette));
  assert.deepEqual(d.datasets.map((x) => x.label), ['fn · aws · 128 MB · step 0', 'fn · aws · 128 MB · step 1'], 'the probes carry no uuid: no segment');
  assert.deepEqual(d.datasets[1].data, [{ x: 0, y: 1 }, { x: 0.01, y: 2 }]);
  const c = data(coldSignalsChart(view.experiments.coldSignals!, palette));
  assert.deepEqual(c.labels, ['platform', 'SAAF newcontainer', 'init duration']);
  assert.deepEqual(c.datasets[0].data, [5, 2, 0]);
  assert.equal(shapeRun({ runDir: '/r', info: { runId: 'exp/1', experiment: 'exp' }, records: records.slice(0, -1) }).experiments.coldSignals, undefined, 'no chart when all signals agree');
});
