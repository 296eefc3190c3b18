// The experiment editor's message validators: what the host accepts from the webview (only the
// changes a control can ask for) and what the webview accepts from the host, and the saved state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { formFromText, locateProblems } from '../../../../src/core/experiment/form/model';
import {
  EXPERIMENT_EDITOR_STATE_VERSION,
  isExperimentEditorState,
  isMessageToHost,
  isMessageToWebview,
  type MessageToHost,
  type MessageToWebview,
} from '../../../../src/webviews/experiment/protocol';

const EXAMPLE = path.resolve(__dirname, '../../../../examples/memory-sweep.experiment.json');
const text = readFileSync(EXAMPLE, 'utf8');
const documentMessage: MessageToWebview = {
  type: 'document',
  version: 3,
  fileName: 'memory-sweep.experiment.json',
  defaultExperimentName: 'memory-sweep',
  model: formFromText(text),
  problems: locateProblems(text, parseExperiment(EXAMPLE, text.replace('"threads": 4', '"threads": 40')).problems),
};

test('the host accepts every message a control sends', () => {
  const valid: MessageToHost[] = [
    { type: 'ready' },
    { type: 'run' },
    { type: 'openAsText' },
    { type: 'refreshChoices' },
    { type: 'edit', change: { kind: 'text', key: 'experimentName', value: 'x' } },
    { type: 'edit', change: { kind: 'number', key: 'runs', value: 4 } },
    { type: 'edit', change: { kind: 'number', key: 'budgetUSD', value: null } },
    { type: 'edit', change: { kind: 'boolean', key: 'coldStart', value: true } },
    { type: 'edit', change: { kind: 'function', name: 'calcs', source: 'cpu.js' } },
    { type: 'edit', change: { kind: 'function', name: 'calcs', source: null } },
    { type: 'edit', change: { kind: 'platforms', platforms: ['local', 'aws'] } },
    { type: 'edit', change: { kind: 'mode', mode: 'open' } },
    { type: 'edit', change: { kind: 'rate', rps: 5, arrivals: 'poisson' } },
    { type: 'edit', change: { kind: 'memorySettings', memoryMB: [128, 256] } },
    { type: 'edit', change: { kind: 'addPayload', text: '{}' } },
    { type: 'edit', change: { kind: 'editPayload', index: 1, text: '{"a": 1}' } },
    { type: 'edit', change: { kind: 'removePayload', index: 0 } },
    { type: 'edit', change: { kind: 'parentPayload', text: '' } },
  ];
  for (const m of valid) assert.equal(isMessageToHost(JSON.parse(JSON.stringify(m))), true, JSON.stringify(m));
});

test('the host rejects malformed or foreign messages', () => {
  const invalid: unknown[] = [
    null,
    'run',
    [],
    {},
    { type: 'deleteFile' },
    { command: 'run' },
    { type: 'edit' },
    { type: 'edit', change: { kind: 'text', key: 'retry', value: 'x' } },
    { type: 'edit', change: { kind: 'text', key: 'function', value: 3 } },
    { type: 'edit', change: { kind: 'number', key: 'runs', value: '4' } },
    { type: 'edit', change: { kind: 'number', key: 'runs', value: Number.NaN } },
    { type: 'edit', change: { kind: 'number', key: 'function', value: 4 } },
    { type: 'edit', change: { kind: 'boolean', key: 'coldStart', value: 'yes' } },
    { type: 'edit', change: { kind: 'function', name: 'calcs' } },
    { type: 'edit', change: { kind: 'platforms', platforms: ['local', 'heroku'] } },
    { type: 'edit', change: { kind: 'platforms', platforms: 'local' } },
    { type: 'edit', change: { kind: 'mode', mode: 'turbo' } },
    { type: 'edit', change: { kind: 'rate', rps: 5 } },
    { type: 'edit', change: { kind: 'memorySettings', memoryMB: [128, '256'] } },
    { type: 'edit', change: { kind: 'editPayload', index: -1, text: '{}' } },
    { type: 'edit', change: { kind: 'editPayload', index: 1.5, text: '{}' } },
    { type: 'edit', change: { kind: 'removePayload', index: '0' } },
    { type: 'edit', change: { kind: 'addPayload', text: 'x'.repeat(1_000_001) } },
    { type: 'edit', change: { kind: 'replaceDocument', text: '{}' } },
  ];
  for (const m of invalid) assert.equal(isMessageToHost(m), false, JSON.stringify(m)?.slice(0, 120));
});

test('the webview accepts the host’s messages and rejects malformed ones', () => {
  assert.equal(isMessageToWebview(JSON.parse(JSON.stringify(documentMessage))), true);
  const valid: MessageToWebview[] = [
    { type: 'choices', functions: [{ name: 'calcs', source: 'cpu.js', language: 'node', memoryMB: 256, platforms: ['local'] }], platforms: [{ id: 'local', displayName: 'Local', ready: true, detail: 'ready' }] },
    { type: 'estimate', estimate: { kind: 'unavailable', reason: 'fix the file' } },
    { type: 'estimate', estimate: { kind: 'estimate', calls: 180, warmupCalls: 60, lines: [{ platform: 'local', memoryMB: 128, calls: 60, costUSD: 0 }], durationMs: 1500, durationBasis: 'x', notes: [] } },
    { type: 'editRejected', field: 'payloads', index: 2, message: 'not valid JSON' },
    { type: 'runState', run: { state: 'running' } },
    { type: 'runState', run: { state: 'failed', message: 'stopped' } },
  ];
  for (const m of valid) assert.equal(isMessageToWebview(m), true, JSON.stringify(m));
  const invalid: unknown[] = [
    { ...documentMessage, model: { ...documentMessage.model, values: { runs: 'ten' } } },
    { ...documentMessage, problems: [{ field: 'nope', message: 'x', severity: 'error', line: 1 }] },
    { ...documentMessage, version: undefined },
    { type: 'choices', functions: [{ name: 'calcs', source: 'cpu.js', language: 'ruby', memoryMB: 256, platforms: [] }], platforms: [] },
    { type: 'estimate', estimate: { kind: 'estimate', calls: '180' } },
    { type: 'editRejected', field: 'outputGroups', message: 'x' },
    { type: 'runState', run: { state: 'finished' } },
    { type: 'showRun', view: {} },
  ];
  for (const m of invalid) assert.equal(isMessageToWebview(m), false, JSON.stringify(m).slice(0, 120));
});

test('saved state: this version restores, anything else is dropped', () => {
  const state = { version: EXPERIMENT_EDITOR_STATE_VERSION, document: documentMessage, drafts: { 'payload-0': '{ "calcs": ' }, scrollY: 120 };
  assert.equal(isExperimentEditorState(JSON.parse(JSON.stringify(state))), true);
  assert.equal(isExperimentEditorState({ ...state, version: 0 }), false);
  assert.equal(isExperimentEditorState({ ...state, drafts: { 'payload-0': 5 } }), false);
  assert.equal(isExperimentEditorState({ ...state, document: { type: 'document' } }), false);
  assert.equal(isExperimentEditorState(undefined), false);
});
