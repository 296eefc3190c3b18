import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMessageToHost, isMessageToWebview, isResultsMessage, isResultsState, RESULTS_STATE_VERSION } from '../../../../src/webviews/results/protocol';
import { shapeRun } from '../../../../src/core/results/view/shape';
import { generateRecords, runInfo } from '../../../fixtures/webview-browser/generate';

const view = shapeRun({ runDir: '/r', info: runInfo(), records: generateRecords({ count: 300 }) });
// A 1×1 transparent PNG.
const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

test('messages from the webview: the three kinds, well formed', () => {
  assert.ok(isMessageToHost({ type: 'ready' }));
  assert.ok(isMessageToHost({ type: 'exportCsv' }));
  assert.ok(isMessageToHost({ type: 'exportCsv', runDir: '/r' }));
  assert.ok(isMessageToHost({ type: 'exportPng', name: 'cdf-roundTripMs.png', dataUrl: png }));
  assert.ok(isResultsMessage({ type: 'ready' }));
});

test('messages from the webview: malformed ones are rejected', () => {
  const bad: unknown[] = [
    null,
    'ready',
    [],
    {},
    { type: 'Ready' },
    { type: 'openFile', path: '/etc/passwd' },
    { type: 'exportCsv', runDir: 42 },
    { type: 'exportPng', name: 'x.png' },
    { type: 'exportPng', name: 'x.png', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
    { type: 'exportPng', name: 'x.png', dataUrl: 'data:image/png;base64,<not base64>' },
    { type: 'exportPng', name: 'x'.repeat(500), dataUrl: png },
    { type: 'exportPng', name: 'x.png', dataUrl: `data:image/png;base64,${'A'.repeat(33 * 1024 * 1024)}` },
  ];
  for (const message of bad) assert.equal(isMessageToHost(message), false, JSON.stringify(message)?.slice(0, 80));
});

test('messages to the webview: whole views are checked, not just the type', () => {
  assert.ok(isMessageToWebview({ type: 'showRun', view }));
  assert.ok(isMessageToWebview({ type: 'loadFailed', message: 'no run.json' }));
  const broken = (change: (v: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
    change(copy);
    return { type: 'showRun', view: copy };
  };
  assert.equal(isMessageToWebview({ type: 'showRun' }), false);
  assert.equal(isMessageToWebview(broken((v) => delete v.groups)), false);
  assert.equal(isMessageToWebview(broken((v) => (v.live = 'yes'))), false);
  assert.equal(isMessageToWebview(broken((v) => ((v.table as { n: unknown }[])[0]!.n = 'many'))), false);
  assert.equal(isMessageToWebview(broken((v) => ((v.groups as { distributions: Record<string, unknown> }[])[0]!.distributions.latency = {}))), false);
  // NaN does not survive JSON, but a view built in-process must not carry it either.
  const nan = broken(() => undefined);
  (nan.view.totals as { records: number }).records = Number.NaN;
  assert.equal(isMessageToWebview(nan), false);
  const mismatched = broken((v) => (v.groups as { distributions: { roundTripMs: { cdf: { y: number[] } } } }[])[0]!.distributions.roundTripMs.cdf.y.pop());
  assert.equal(isMessageToWebview(mismatched), false);
  assert.equal(isMessageToWebview({ type: 'showComparison', view }), false);
  assert.equal(isMessageToWebview({ type: 'ready' }), false, 'a host-bound message is not for the webview');
});

test('saved state: this version, a known source, a known metric', () => {
  const good = { version: RESULTS_STATE_VERSION, source: { kind: 'run', runDir: '/r' }, live: false, metric: 'runtime', group: 'hello · aws · 128 MB' };
  assert.ok(isResultsState(good));
  assert.ok(isResultsState({ version: 1, source: { kind: 'comparison', before: '/a', after: '/b' }, live: false, metric: 'roundTripMs' }));
  assert.equal(isResultsState({ ...good, version: 0 }), false);
  assert.equal(isResultsState({ ...good, source: { kind: 'run', runDir: '' } }), false);
  assert.equal(isResultsState({ ...good, source: { kind: 'comparison', before: '/a' } }), false);
  assert.equal(isResultsState({ ...good, metric: 'latency' }), false);
  assert.equal(isResultsState({ ...good, group: 3 }), false);
  assert.equal(isResultsState(undefined), false);
});

test('the returned-field filter: asked for with ready or on its own, bounded, kept in the saved state', () => {
  const filter = { field: 'message', value: 'hello' };
  assert.ok(isMessageToHost({ type: 'ready', filter }));
  assert.ok(isMessageToHost({ type: 'filterCalls', filter }));
  assert.ok(isMessageToHost({ type: 'filterCalls' }), 'no filter: every call again');
  for (const bad of [{ field: '', value: 'x' }, { field: 'message' }, { field: 'message', value: 1 }, { field: 'm', value: 'x'.repeat(5000) }, 'message == hello']) {
    assert.equal(isMessageToHost({ type: 'filterCalls', filter: bad }), false, JSON.stringify(bad).slice(0, 60));
    assert.equal(isMessageToHost({ type: 'ready', filter: bad }), false);
  }
  const state = { version: RESULTS_STATE_VERSION, source: { kind: 'run', runDir: '/r' }, live: false, metric: 'roundTripMs' };
  assert.ok(isResultsState({ ...state, filter }));
  assert.equal(isResultsState({ ...state, filter: { field: 'message' } }), false);
});
