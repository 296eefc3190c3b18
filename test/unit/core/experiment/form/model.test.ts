// Form <-> document sync without VS Code: what the form shows for real files, and that each form
// change becomes a minimal edit that the experiment parser then reads back as the new value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits, type Edit } from 'jsonc-parser';
import { parseExperiment } from '../../../../../src/core/experiment/parse';
import type { ExperimentSpec } from '../../../../../src/core/experiment/spec';
import type { FormChange } from '../../../../../src/core/experiment/form/fields';
import { editsForChange } from '../../../../../src/core/experiment/form/edits';
import { formFromText, locateProblems } from '../../../../../src/core/experiment/form/model';

const REPO = path.resolve(__dirname, '../../../../..');
const EXAMPLE = path.join(REPO, 'examples/memory-sweep.experiment.json');
const exampleText = readFileSync(EXAMPLE, 'utf8');

function applyChange(text: string, change: FormChange): { text: string; edits: Edit[] } {
  const result = editsForChange(text, change);
  assert.ok(result.ok, `refused: ${result.ok ? '' : result.message}`);
  return { text: applyEdits(text, result.edits), edits: result.edits };
}

function specOf(text: string, file = EXAMPLE): ExperimentSpec {
  const { spec, problems } = parseExperiment(file, text);
  assert.ok(spec, `does not parse: ${problems.map((p) => p.message).join('; ')}`);
  return spec;
}

/** Lines the edit changed: every other line of the file must be exactly as it was. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, i) => a[i] !== line || a.length !== b.length).filter((line) => !a.includes(line));
}

test('the form shows the example file as written', () => {
  const model = formFromText(exampleText);
  assert.equal(model.editable, true);
  assert.equal(model.platformKey, 'platform');
  assert.deepEqual(model.raw, {});
  assert.deepEqual(model.otherKeys, []);
  assert.deepEqual(model.values, {
    experimentName: 'memory-sweep',
    function: 'calcs',
    source: 'cpu.js',
    platforms: ['local'],
    payloads: ['{ "calcs": 50000 }', '{ "calcs": 200000 }'],
    parentPayload: '{ "arraySize": 1000, "seed": 7 }',
    shufflePayloads: true,
    randomSeed: 42,
    memorySettings: [128, 256, 512],
    runs: 20,
    threads: 4,
    iterations: 3,
    warmupBuffer: 1,
    sleepTime: 0,
  });
});

test('setting each field to the value it has changes nothing (round trip)', () => {
  const v = formFromText(exampleText).values;
  const same: FormChange[] = [
    { kind: 'text', key: 'experimentName', value: v.experimentName! },
    { kind: 'function', name: v.function!, source: v.source! },
    { kind: 'platforms', platforms: ['local'] },
    { kind: 'number', key: 'runs', value: v.runs! },
    { kind: 'number', key: 'threads', value: v.threads as number },
    { kind: 'number', key: 'iterations', value: v.iterations! },
    { kind: 'number', key: 'sleepTime', value: v.sleepTime! },
    { kind: 'boolean', key: 'shufflePayloads', value: true },
    { kind: 'memorySettings', memoryMB: v.memorySettings! },
    { kind: 'editPayload', index: 0, text: v.payloads![0]! },
    { kind: 'editPayload', index: 1, text: v.payloads![1]! },
    { kind: 'parentPayload', text: v.parentPayload! },
  ];
  for (const change of same) {
    const result = editsForChange(exampleText, change);
    assert.deepEqual(result, { ok: true, edits: [] }, `${change.kind} rewrote the file`);
  }
});

test('each form change is read back by the experiment parser as the new value', () => {
  const cases: Array<[FormChange, (s: ExperimentSpec) => unknown, unknown]> = [
    [{ kind: 'text', key: 'experimentName', value: 'sweep-2' }, (s) => s.experimentName, 'sweep-2'],
    [{ kind: 'function', name: 'hello', source: 'hello.js' }, (s) => [s.function, s.source], ['hello', 'hello.js']],
    [{ kind: 'function', name: 'deployed-elsewhere', source: null }, (s) => [s.function, s.source], ['deployed-elsewhere', undefined]],
    [{ kind: 'platforms', platforms: ['local', 'aws'] }, (s) => s.platforms, ['local', 'aws']],
    [{ kind: 'mode', mode: 'burst' }, (s) => s.mode, 'burst'],
    [{ kind: 'mode', mode: 'open' }, (s) => [s.mode, s.rate], ['open', { rps: 10, arrivals: 'constant' }]],
    [{ kind: 'number', key: 'runs', value: 40 }, (s) => s.runs, 40],
    [{ kind: 'number', key: 'threads', value: 5 }, (s) => s.threads, 5],
    [{ kind: 'number', key: 'iterations', value: 2 }, (s) => s.iterations, 2],
    [{ kind: 'number', key: 'warmupBuffer', value: null }, (s) => s.warmupBuffer, 0],
    [{ kind: 'number', key: 'sleepTime', value: 1.5 }, (s) => s.sleepTime, 1.5],
    [{ kind: 'number', key: 'timeoutS', value: 30 }, (s) => s.timeoutS, 30],
    [{ kind: 'number', key: 'budgetUSD', value: 0.25 }, (s) => s.budgetUSD, 0.25],
    [{ kind: 'number', key: 'expectedDurationMs', value: 120 }, (s) => s.expectedDurationMs, 120],
    [{ kind: 'boolean', key: 'coldStart', value: true }, (s) => s.coldStart, true],
    [{ kind: 'memorySettings', memoryMB: [128, 1024] }, (s) => s.memorySettings, [128, 1024]],
    [{ kind: 'memorySettings', memoryMB: [] }, (s) => s.memorySettings, []],
    [{ kind: 'addPayload', text: '{"calcs": 1}' }, (s) => s.payloads, [{ calcs: 50000 }, { calcs: 200000 }, { calcs: 1 }]],
    [{ kind: 'editPayload', index: 1, text: '{\n  "calcs": 7\n}' }, (s) => s.payloads, [{ calcs: 50000 }, { calcs: 7 }]],
    [{ kind: 'removePayload', index: 0 }, (s) => s.payloads, [{ calcs: 200000 }]],
    [{ kind: 'parentPayload', text: '{"arraySize": 10}' }, (s) => s.parentPayload, { arraySize: 10 }],
    [{ kind: 'parentPayload', text: '' }, (s) => s.parentPayload, {}],
  ];
  for (const [change, read, expected] of cases) {
    const { text } = applyChange(exampleText, change);
    assert.deepEqual(read(specOf(text)), expected, JSON.stringify(change));
    // The form shows what was written.
    assert.equal(formFromText(text).editable, true);
  }
});

test('edits are minimal: one small span, every other line untouched, the file’s one-line style kept', () => {
  const runs = applyChange(exampleText, { kind: 'number', key: 'runs', value: 40 });
  assert.deepEqual(runs.edits, [{ offset: exampleText.indexOf('"runs": 20') + 8, length: 1, content: '4' }]);

  const memory = applyChange(exampleText, { kind: 'memorySettings', memoryMB: [128, 256, 512, 1024] });
  assert.deepEqual(changedLines(exampleText, memory.text), ['  "memorySettings": [128, 256, 512, 1024],']);

  const added = applyChange(exampleText, { kind: 'addPayload', text: '{ "calcs": 1 }' });
  assert.deepEqual(changedLines(exampleText, added.text), ['  "payloads": [{ "calcs": 50000 }, { "calcs": 200000 }, { "calcs": 1 }],']);

  const removed = applyChange(exampleText, { kind: 'removePayload', index: 0 });
  assert.deepEqual(changedLines(exampleText, removed.text), ['  "payloads": [{ "calcs": 200000 }],']);

  const platforms = applyChange(exampleText, { kind: 'platforms', platforms: ['local', 'aws'] });
  assert.deepEqual(changedLines(exampleText, platforms.text), ['  "platforms": ["local", "aws"],']);

  // A new key goes where the schema's order puts it, indented like its neighbours.
  const budget = applyChange(exampleText, { kind: 'number', key: 'budgetUSD', value: 0.5 });
  assert.equal(budget.text, exampleText.replace('"sleepTime": 0\n', '"sleepTime": 0,\n  "budgetUSD": 0.5\n'));
  const mode = applyChange(exampleText, { kind: 'mode', mode: 'burst' });
  assert.equal(mode.text, exampleText.replace('"platform": "local",\n', '"platform": "local",\n  "mode": "burst",\n'));

  const removedKey = applyChange(exampleText, { kind: 'parentPayload', text: '' });
  assert.equal(removedKey.text, exampleText.replace('  "parentPayload": { "arraySize": 1000, "seed": 7 },\n', ''));
});

test('comments, unknown keys and formatting elsewhere survive edits', () => {
  const text = [
    '{',
    '    // what this run is for',
    '    "function":   "hello",',
    '    "outputGroups": ["memory"],',
    '    "payloads": [',
    '        {',
    '            "name": "Bob"',
    '        }',
    '    ],',
    '    "runs": 10 /* ten is enough */',
    '}',
    '',
  ].join('\r\n');
  let current = text;
  for (const change of [
    { kind: 'number', key: 'runs', value: 12 },
    { kind: 'addPayload', text: '{"name": "Joe"}' },
    { kind: 'number', key: 'iterations', value: 2 },
    { kind: 'text', key: 'function', value: 'greet' },
  ] satisfies FormChange[]) {
    current = applyChange(current, change).text;
  }
  assert.match(current, /^\{\r\n {4}\/\/ what this run is for\r\n/);
  assert.match(current, /"function": {3}"greet",\r\n/);
  assert.match(current, /"outputGroups": \["memory"\],\r\n/);
  // A key added after the last one: the comment stays on its own line, after the new comma.
  assert.match(current, /"runs": 12, \/\* ten is enough \*\/\r\n {4}"iterations": 2\r\n\}/);
  assert.match(current, / {8}\{\r\n {12}"name": "Joe"\r\n {8}\}/, 'a new payload is indented like the file');
  assert.ok(!/[^\r]\n/.test(current), 'line ends stay \\r\\n');
  const model = formFromText(current);
  assert.deepEqual(model.otherKeys, ['outputGroups']);
  assert.deepEqual([model.values.runs, model.values.iterations, model.values.function], [12, 2, 'greet']);
});

test('an invalid payload is refused with the parse error, and nothing is written', () => {
  const broken = editsForChange(exampleText, { kind: 'editPayload', index: 0, text: '{ "calcs": 5' });
  assert.deepEqual(broken, { ok: false, message: 'payloads[0]: not valid JSON: expected } to close the object (line 1, column 13); nothing was written' });
  const comment = editsForChange(exampleText, { kind: 'addPayload', text: '{} // empty' });
  assert.equal(comment.ok, false);
  assert.match(!comment.ok ? comment.message : '', /^payloads\[2\]: not valid JSON: comments are not allowed/);
  // parentPayload is set: each payload must be an object it can merge into.
  const notObject = editsForChange(exampleText, { kind: 'editPayload', index: 1, text: '[1, 2]' });
  assert.equal(notObject.ok, false);
  assert.match(!notObject.ok ? notObject.message : '', /must be a JSON object .* while parentPayload is set/);
  assert.equal(editsForChange(exampleText, { kind: 'editPayload', index: 5, text: '{}' }).ok, false);
  assert.equal(editsForChange(exampleText, { kind: 'parentPayload', text: '"text"' }).ok, false);
  assert.equal(editsForChange(exampleText, { kind: 'memorySettings', memoryMB: [100] }).ok, false);
  assert.equal(editsForChange(exampleText, { kind: 'platforms', platforms: [] }).ok, false);
  assert.equal(editsForChange(exampleText, { kind: 'text', key: 'function', value: '  ' }).ok, false);
});

test('payloads: the last one removed removes the key; adding to a file without one creates it', () => {
  let text = applyChange(exampleText, { kind: 'parentPayload', text: '' }).text;
  text = applyChange(text, { kind: 'removePayload', index: 1 }).text;
  text = applyChange(text, { kind: 'removePayload', index: 0 }).text;
  assert.ok(!text.includes('"payloads"'));
  assert.deepEqual(specOf(text).payloads, [{}]);
  text = applyChange(text, { kind: 'addPayload', text: '{}' }).text;
  assert.deepEqual(formFromText(text).values.payloads, ['[{}]'.slice(1, -1)]);
  assert.deepEqual(specOf(text).payloads, [{}]);
});

test('an empty file becomes an experiment from the form', () => {
  let text = '';
  assert.equal(formFromText(text).editable, true);
  text = applyChange(text, { kind: 'text', key: 'function', value: 'hello' }).text;
  text = applyChange(text, { kind: 'number', key: 'runs', value: 5 }).text;
  text = applyChange(text, { kind: 'number', key: 'threads', value: 5 }).text;
  assert.equal(text, '{\n  "function": "hello",\n  "runs": 5,\n  "threads": 5\n}');
  assert.equal(specOf(text, '/w/new.experiment.json').runs, 5);
});

test('a file with a syntax error is shown read-only and not edited', () => {
  const broken = exampleText.replace('"runs": 20,', '"runs": 20,,');
  const model = formFromText(broken);
  assert.equal(model.editable, false);
  assert.equal(model.values.function, 'calcs', 'what can be read is still shown');
  const refused = editsForChange(broken, { kind: 'number', key: 'runs', value: 3 });
  assert.equal(refused.ok, false);
});

test('values of the wrong type are shown as written, for the field to name them', () => {
  const text = '{"function": "f", "runs": "ten", "memorySettings": [128, "big"], "platforms": "local", "payloads": {}}';
  const model = formFromText(text);
  assert.deepEqual(model.raw, { runs: '"ten"', memorySettings: '[128, "big"]', platforms: '"local"', payloads: '{}' });
  // The form can still replace them.
  const fixed = applyChange(text, { kind: 'number', key: 'runs', value: 10 }).text;
  assert.equal(formFromText(fixed).values.runs, 10);
});

test('problems are placed on the field (and list item) they are about', () => {
  const text = exampleText
    .replace('"threads": 4', '"threads": 40')
    .replace('[128, 256, 512]', '[128, 256, 99999]')
    .replace('"platform": "local"', '"platform": "lambda"')
    .replace('"sleepTime": 0', '"sleepTime": 0,\n  "retry": {"maxRetries": -1}');
  const { problems } = parseExperiment(EXAMPLE, text);
  const placed = locateProblems(text, problems);
  const find = (field: string) => placed.filter((p) => p.field === field);
  assert.match(find('threads')[0]?.message ?? '', /^threads: 40 is more than runs/);
  assert.equal(find('memorySettings')[0]?.index, 2);
  assert.match(find('platforms')[0]?.message ?? '', /did you mean "aws"/);
  // retry's keys have controls of their own: its problem is on the retry field.
  assert.match(find('retry')[0]?.message ?? '', /^retry\.maxRetries/);
  assert.ok(placed.every((p) => p.line >= 1));

  const missing = parseExperiment(EXAMPLE, '{"runs": 5}').problems;
  assert.deepEqual(
    locateProblems('{"runs": 5}', missing).map((p) => p.field),
    ['function'],
  );
});

test('a new key gets a line of its own: a comment at the end of its neighbour’s line stays there', () => {
  const text = '{\n  "function": "x",\n  "runs": 10, // ten is enough\n  "payloads": []\n}\n';
  const { text: after, edits } = applyChange(text, { kind: 'number', key: 'iterations', value: 2 });
  assert.equal(after, '{\n  "function": "x",\n  "runs": 10, // ten is enough\n  "iterations": 2,\n  "payloads": []\n}\n');
  // One pure insertion: nothing of the file is replaced.
  assert.equal(edits.length, 1);
  assert.equal(edits[0]!.length, 0);
  assert.equal(edits[0]!.content.length, '  "iterations": 2,\n'.length);
  const rate = applyChange(after, { kind: 'mode', mode: 'open' }).text;
  assert.match(rate, /"function": "x",\n {2}"mode": "open",\n {2}"rate": \{\n {4}"rps": 10,\n {4}"arrivals": "constant"\n {2}\},\n {2}"runs": 10, \/\/ ten is enough/);
});

test('a file nested 10,000 levels deep is not parsed by the form (no stack overflow): it is shown as not editable', () => {
  const deep = `{"payloads": [${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;
  const model = formFromText(deep);
  assert.equal(model.editable, false);
  assert.deepEqual(model.values, {});
});
