// What the experiment parser does with text that is not an experiment a person wrote: too big,
// too deep, another encoding, JavaScript or Python values. It runs on every keystroke in the
// editor, so it must answer with a positioned problem, never throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { MAX_JSON_CHARS, MAX_JSON_DEPTH } from '../../../../src/core/experiment/json-check';
import type { Problem } from '../../../../src/core/model';

const FILE = '/work/x.experiment.json';

function only(text: string): Problem {
  const { spec, problems } = parseExperiment(FILE, text);
  assert.equal(spec, undefined);
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
  return problems[0];
}

test('nesting deeper than the limit is refused at the bracket that crosses it, without touching the stack limit', () => {
  const deep = `{"function": "f", "payloads": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const problem = only(deep);
  assert.match(problem.message, /^JSON nesting: more than 100 levels/);
  assert.deepEqual([problem.range.startLine, problem.range.startCol], [0, 30 + MAX_JSON_DEPTH - 1]);
  // Brackets inside strings are text, not nesting.
  const quoted = parseExperiment(FILE, `{"function": "f", "experimentName": "${'['.repeat(500)}"}`);
  assert.deepEqual(quoted.problems, []);
  assert.equal(quoted.spec?.experimentName, '['.repeat(500));
});

test('a file over the size limit is refused before it is parsed', () => {
  const problem = only(`{"function": "f", "payloads": [{"a": "${'x'.repeat(MAX_JSON_CHARS)}"}]}`);
  assert.match(problem.message, /^The file has 10,000,0\d\d characters; an experiment file may have at most 10,000,000/);
});

test('numbers too large to hold are named as such, in settings and in payloads', () => {
  assert.equal(only('{"function": "f", "runs": 1e400}').message, 'runs: this number is too large to hold; use a value from 1 to 1000000');
  const payload = only('{"function": "f", "payloads": [{"n": [1, -1e999]}]}');
  assert.equal(payload.message, 'payloads[0]: this number is too large to hold; write a smaller one');
  assert.deepEqual([payload.range.startCol, payload.range.endCol], [41, 47]);
});

test('values JSON does not have get one message each, at the value', () => {
  const cases: [string, string, number][] = [
    ['{"function": "f", "runs": NaN}', 'JSON syntax: NaN is not JSON: write a number, or null for no value', 26],
    ['{"function": "f", "runs": -Infinity}', 'JSON syntax: -Infinity is not JSON: write a number, e.g. 1000000', 26],
    ['{"function": "f", "timeoutS": undefined}', 'JSON syntax: undefined is not JSON: write null, or leave the key out', 30],
    ['{"function": "f", "coldStart": True}', 'JSON syntax: True is Python, not JSON: write true', 31],
    ["{'function': 'f'}", 'JSON syntax: JSON strings take double quotes: write "function"', 1],
    ['{"function": "f", "runs": 0x10}', 'JSON syntax: 0x10: JSON numbers are decimal; write 16', 26],
  ];
  for (const [text, message, col] of cases) {
    const problem = only(text);
    assert.deepEqual([problem.message, problem.range.startCol], [message, col], text);
  }
});

test('a UTF-8 byte order mark is accepted and positions stay true; UTF-16 is named', () => {
  const bom = parseExperiment(FILE, '\uFEFF{"function": "f", "runs": 0}');
  assert.deepEqual(bom.problems.map((p) => [p.message, p.range.startCol]), [['runs: 0 is below the minimum 1; use a value from 1 to 1000000', 27]]);
  assert.equal(parseExperiment(FILE, '\uFEFF{"function": "f"}').spec?.function, 'f');
  const utf16 = Buffer.from('\uFEFF{"function": "f"}', 'utf16le').toString('utf8');
  assert.match(only(utf16).message, /^This file is UTF-16 \(or UTF-32\); save it as UTF-8/);
});
