// The nested-hops chart, from a run whose function called others, shaped as the webview receives it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { shapeRun } from '../../../../src/core/results/view/shape';
import { nestedHopsChart } from '../../../../src/webviews/results/charts-nested';
import { isRunView } from '../../../../src/webviews/results/protocol';
import type { Palette } from '../../../../src/webviews/results/theme';

const colours = ['red', 'green', 'blue', 'yellow', 'orange', 'purple'] as const;
const palette = { kind: 'dark', foreground: '#ccc', muted: '#999', grid: '#444', background: '#111', fontFamily: 'sans-serif', fontSize: 13, series: colours.map((_, i) => `#00000${i}`), ...Object.fromEntries(colours.map((c, i) => [c, `#11111${i}`])) } as Palette;

function record(over: Partial<InvocationRecord>): InvocationRecord {
  return { runId: 'r', experiment: 'nested', function: 'f1', platform: 'local', memoryMB: 128, iteration: 0, thread: 0, seq: 0, payloadIndex: 0, warmup: false, clientStart: 1, clientEnd: 2, roundTripMs: 0, status: 'ok', retries: 0, ...over };
}

test('one stacked bar per hop: caller own time, callee runtime, hop overhead; the caption says what waiting costs', () => {
  const records = [
    record({ callId: 't', traceId: 't', roundTripMs: 110, runtime: 100, nestedRoundTripsMs: [70] }),
    record({ function: 'f2', callId: 'u', traceId: 't', parentId: 't', roundTripMs: 70, runtime: 60 }),
  ];
  const view = shapeRun({ runDir: '/r', info: { runId: 'r', experiment: 'nested' }, records });
  assert.ok(isRunView(view), 'the webview accepts the view');
  const spec = nestedHopsChart(view.nested!, palette);
  const data = spec.config.data as { labels: string[]; datasets: Array<{ label: string; data: unknown[] }> };
  assert.deepEqual(data.labels, ['f1 → f2']);
  assert.deepEqual(
    data.datasets.map((d) => [d.label, d.data]),
    [
      ["caller's own time", [30]],
      ['callee runtime', [60]],
      ['hop overhead (round trip − runtime)', [10]],
    ],
  );
  assert.match(spec.caption!, /70\.0 ms of 160 ms billed per call tree \(43\.8%\)/);
  assert.equal(shapeRun({ runDir: '/r', info: { runId: 'r', experiment: 'x' }, records: [record({})] }).nested, undefined);
});
