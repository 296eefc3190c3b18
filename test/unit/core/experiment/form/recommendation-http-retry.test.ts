// The form's controls for the memory recommendation (strategy, balancedWeight), the retry backoff and
// the http target (endpoint, method, headers, bodyTemplate): what they show, each change read back
// by the experiment parser, and the values each refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from 'jsonc-parser';
import { editsForChange } from '../../../../../src/core/experiment/form/edits';
import type { FormChange } from '../../../../../src/core/experiment/form/fields';
import { formFromText, locateProblems } from '../../../../../src/core/experiment/form/model';
import { parseExperiment } from '../../../../../src/core/experiment/parse';

const FILE = '/w/tuning.experiment.json';

function change(text: string, c: FormChange): string {
  const r = editsForChange(text, c);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return applyEdits(text, r.edits);
}

function refused(text: string, c: FormChange): string {
  const r = editsForChange(text, c);
  assert.ok(!r.ok, `${JSON.stringify(c)} was accepted`);
  return r.message;
}

test('the keys are shown as the file holds them; a value the control cannot show is kept raw', () => {
  const text =
    '{"function": "f", "platform": "http", "endpoint": "http://127.0.0.1:9/f", "method": "PUT", "headers": {"X-Key": "k"}, "bodyTemplate": "{{payload}}", "strategy": "balanced", "balancedWeight": 0.3, "retry": {"maxRetries": 2, "maxDelayMs": 900}}';
  const m = formFromText(text);
  assert.deepEqual(
    [m.values.endpoint, m.values.method, m.values.headers, m.values.bodyTemplate, m.values.strategy, m.values.balancedWeight, m.values.retry],
    ['http://127.0.0.1:9/f', 'PUT', '{"X-Key": "k"}', '{{payload}}', 'balanced', 0.3, { maxRetries: 2, maxDelayMs: 900 }],
  );
  assert.deepEqual(m.otherKeys, []);
  assert.deepEqual(formFromText('{"strategy": "cheap", "method": "FETCH", "retry": {"tries": 3}, "headers": []}').raw, {
    strategy: '"cheap"',
    method: '"FETCH"',
    retry: '{"tries": 3}',
    headers: '[]',
  });
});

test('each change is read back by the parser as the spec it means', () => {
  let text = '{\n  "function": "f",\n  "platform": "http",\n  "memorySettings": []\n}\n';
  text = change(text, { kind: 'choice', key: 'strategy', value: 'balanced' });
  text = change(text, { kind: 'number', key: 'balancedWeight', value: 0.25 });
  text = change(text, { kind: 'retry', key: 'maxRetries', value: 2 });
  text = change(text, { kind: 'retry', key: 'baseDelayMs', value: 50 });
  text = change(text, { kind: 'text', key: 'endpoint', value: ' http://127.0.0.1:8080/function/f ' });
  text = change(text, { kind: 'choice', key: 'method', value: 'PATCH' });
  text = change(text, { kind: 'json', key: 'headers', text: '{"X-Api-Key": "k"}' });
  text = change(text, { kind: 'text', key: 'bodyTemplate', value: '{"id": {{payload.id}}} ' });
  const parsed = parseExperiment(FILE, text);
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
  const spec = parsed.spec!;
  assert.equal(spec.strategy, 'balanced');
  assert.equal(spec.balancedWeight, 0.25);
  assert.deepEqual(spec.retry, { maxRetries: 2, baseDelayMs: 50, maxDelayMs: 5000 });
  assert.equal(spec.endpoint, 'http://127.0.0.1:8080/function/f');
  assert.deepEqual(JSON.parse(text).headers, { 'X-Api-Key': 'k' });
  assert.equal(JSON.parse(text).method, 'PATCH');
  assert.equal(JSON.parse(text).bodyTemplate, '{"id": {{payload.id}}} ', 'a body template is kept as typed');
  // Clearing the retry keys removes them, and "retry" with the last one; null removes a choice.
  text = change(text, { kind: 'retry', key: 'maxRetries', value: null });
  assert.deepEqual(JSON.parse(text).retry, { baseDelayMs: 50 });
  text = change(text, { kind: 'retry', key: 'baseDelayMs', value: null });
  assert.equal('retry' in JSON.parse(text), false);
  text = change(text, { kind: 'choice', key: 'method', value: null });
  assert.equal('method' in JSON.parse(text), false);
  text = change(text, { kind: 'text', key: 'endpoint', value: '' });
  assert.equal('endpoint' in JSON.parse(text), false);
});

test('values a key cannot hold are refused with what to write, and nothing is written', () => {
  const text = '{"function": "f"}';
  assert.match(refused(text, { kind: 'choice', key: 'strategy', value: 'cheap' }), /^strategy: use "cost", "speed", "balanced"/);
  assert.match(refused(text, { kind: 'choice', key: 'method', value: 'FETCH' }), /^method: use "GET", "POST"/);
  assert.match(refused(text, { kind: 'number', key: 'balancedWeight', value: 1.5 }), /^balancedWeight: 1\.5 is not from 0 to 1/);
  assert.match(refused(text, { kind: 'retry', key: 'maxRetries', value: 2.5 }), /^retry\.maxRetries: 2\.5 is not a whole number from 0 to 100/);
  assert.match(refused(text, { kind: 'retry', key: 'baseDelayMs', value: 0 }), /^retry\.baseDelayMs: 0 is not a number of ms from 1 to 600000/);
  assert.match(refused(text, { kind: 'text', key: 'endpoint', value: 'ftp://x' }), /^endpoint: "ftp:\/\/x" is not an http:\/\/ or https:\/\/ URL/);
  assert.match(refused(text, { kind: 'text', key: 'bodyTemplate', value: '{{payload.}}' }), /^bodyTemplate: /);
  assert.match(refused(text, { kind: 'json', key: 'headers', text: '{"X-Key": 1}' }), /^headers: "X-Key": a header value is a string/);
  assert.match(refused(text, { kind: 'json', key: 'headers', text: '["X-Key"]' }), /^headers: must be a JSON object/);
});

test('the parser’s problems with these keys are placed on their fields', () => {
  const text = '{"function": "f", "strategy": "cost", "balancedWeight": 0.5, "retry": {"baseDelayMs": 900, "maxDelayMs": 100}, "endpoint": "http://x/f"}';
  const located = locateProblems(text, parseExperiment(FILE, text).problems);
  const fields = located.map((p) => `${p.field}:${p.severity}`).sort();
  assert.ok(fields.includes('balancedWeight:warning'), fields.join(', '));
  assert.ok(fields.includes('endpoint:warning'), fields.join(', '));
  assert.ok(located.some((p) => p.field === 'retry' && /retry\.maxDelayMs/.test(p.message)), JSON.stringify(located));
});
