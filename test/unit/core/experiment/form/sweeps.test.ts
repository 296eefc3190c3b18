// The form's controls for load steps, idle probes and weighted payloads: what they show, and each
// change read back by the experiment parser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from 'jsonc-parser';
import { editsForChange } from '../../../../../src/core/experiment/form/edits';
import type { FormChange } from '../../../../../src/core/experiment/form/fields';
import { formFromText, locateProblems } from '../../../../../src/core/experiment/form/model';
import { parseExperiment } from '../../../../../src/core/experiment/parse';

const FILE = '/w/sweep.experiment.json';

function change(text: string, c: FormChange): string {
  const r = editsForChange(text, c);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return applyEdits(text, r.edits);
}

test('lists, steps and idle are shown as the file holds them', () => {
  const text = '{"function": "f", "runs": 8, "threads": [1, 2, 4], "rate": {"rps": [10, 20]}, "burst": 4, "steps": {"from": 1, "to": 8}, "stepPauseS": 5, "idle": {"times": [1, 5]}, "weightedPayloads": true}';
  const m = formFromText(text);
  assert.deepEqual(m.values.threads, [1, 2, 4]);
  assert.deepEqual(m.values.rate, { rps: [10, 20] });
  assert.equal(m.values.burst, 4);
  assert.equal(m.values.steps, '{"from": 1, "to": 8}');
  assert.equal(m.values.idle, '{"times": [1, 5]}');
  assert.equal(m.values.stepPauseS, 5);
  assert.equal(m.values.weightedPayloads, true);
  assert.deepEqual(m.otherKeys, []);
  assert.deepEqual(formFromText('{"steps": 3}').raw, { steps: '3' });
});

test('each change is read back by the parser as the new load sweep or idle plan', () => {
  let text = '{\n  "function": "f",\n  "runs": 8\n}\n';
  text = change(text, { kind: 'loadList', key: 'threads', values: [1, 2, 4] });
  assert.deepEqual(parseExperiment(FILE, text).spec?.steps, { loads: [1, 2, 4], pauseS: 0 });
  text = change(text, { kind: 'number', key: 'stepPauseS', value: 2 });
  assert.equal(parseExperiment(FILE, text).spec?.steps?.pauseS, 2);
  text = change(text, { kind: 'loadList', key: 'threads', values: [] });
  text = change(text, { kind: 'json', key: 'steps', text: '{"from": 2, "to": 8}' });
  assert.deepEqual(parseExperiment(FILE, text).spec?.steps, { loads: [2, 4, 8], pauseS: 2 });
  text = change(text, { kind: 'json', key: 'steps', text: '' });
  text = change(text, { kind: 'number', key: 'stepPauseS', value: null });
  text = change(text, { kind: 'json', key: 'idle', text: '{"times": [1, 30], "repeat": 2}' });
  const { spec, problems } = parseExperiment(FILE, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(spec?.idle, { timesS: [1, 30], repeat: 2 });
  assert.equal(spec?.steps, undefined);
  const open = change('{"function": "f", "mode": "open", "rate": {"rps": 5}}', { kind: 'rate', rps: [5, 10], arrivals: 'constant' });
  assert.deepEqual(parseExperiment(FILE, open).spec?.steps?.loads, [5, 10]);
  const burst = change('{"function": "f", "mode": "burst"}', { kind: 'loadList', key: 'burst', values: [1, 2] });
  assert.deepEqual(parseExperiment(FILE, burst).spec?.steps?.loads, [1, 2]);
});

test('bad values are refused with what to write, and nothing is written', () => {
  const text = '{"function": "f"}';
  const notObject = editsForChange(text, { kind: 'json', key: 'idle', text: '[1, 5]' });
  assert.ok(!notObject.ok && /^idle: must be a JSON object/.test(notObject.message));
  const zero = editsForChange(text, { kind: 'loadList', key: 'threads', values: [1, 0] });
  assert.ok(!zero.ok && /^threads: 0 is not a whole number from 1/.test(zero.message));
  const rate = editsForChange(text, { kind: 'rate', rps: [10, -1], arrivals: 'constant' });
  assert.ok(!rate.ok && /^rate.rps: must be a number above 0/.test(rate.message));
});

test('problems inside steps and idle are placed on their fields', () => {
  const text = '{"function": "f", "mode": "burst", "steps": {"from": 8, "to": 2}, "idle": {"times": [-1]}}';
  const located = locateProblems(text, parseExperiment(FILE, text).problems).filter((p) => p.severity === 'error');
  assert.deepEqual(located.map((p) => p.field).sort(), ['idle', 'steps']);
});
