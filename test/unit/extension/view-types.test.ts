// Activation registers the webviews by view types of its own (src/extension/view-types.ts, so it
// compiles no webview protocol): they are the protocols' and the ones package.json contributes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { EXPERIMENT_EDITOR_VIEW_TYPE, RESULTS_VIEW_TYPE } from '../../../src/extension/view-types';
import * as experimentProtocol from '../../../src/webviews/experiment/protocol';
import * as resultsProtocol from '../../../src/webviews/results/protocol';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { customEditors: Array<{ viewType: string }> };
};

test('the view types activation registers are the webview protocols’ and package.json’s', () => {
  assert.equal(RESULTS_VIEW_TYPE, resultsProtocol.RESULTS_VIEW_TYPE);
  assert.equal(EXPERIMENT_EDITOR_VIEW_TYPE, experimentProtocol.EXPERIMENT_EDITOR_VIEW_TYPE);
  assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${RESULTS_VIEW_TYPE}`));
  assert.deepEqual(manifest.contributes.customEditors.map((e) => e.viewType), [EXPERIMENT_EDITOR_VIEW_TYPE]);
});
