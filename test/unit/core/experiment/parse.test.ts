import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { acceptedTopLevelKeys, RATE_KEYS, RETRY_KEYS } from '../../../../src/core/experiment/keys';
import { FILE, expectError, only, rangeOf } from './parse-helpers';

test('a minimal file gets every default filled in', () => {
  const { spec, problems } = parseExperiment(FILE, '{"function": "hello"}');
  assert.deepEqual(problems, []);
  assert.deepEqual(spec, {
    experimentName: 'sweep',
    function: 'hello',
    platforms: ['local'],
    mode: 'closed',
    maxInFlight: 1000,
    runs: 10,
    threads: 10,
    iterations: 1,
    sleepTime: 0,
    warmupBuffer: 0,
    memorySettings: [],
    payloads: [{}],
    parentPayload: {},
    shufflePayloads: false,
    randomSeed: 42,
    coldStart: false,
    retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 5000 },
    keepGoingOnError: true,
  });
});

test('every FaaS Lab key is read', () => {
  const text = JSON.stringify({
    experimentName: 'cmp',
    function: 'hello',
    source: 'hello.js',
    platforms: ['local', 'aws'],
    mode: 'open',
    rate: { rps: 20, arrivals: 'poisson' },
    maxInFlight: 50,
    runs: 40,
    iterations: 3,
    sleepTime: 0.5,
    warmupBuffer: 1,
    memorySettings: [128, 512],
    parentPayload: { a: 1 },
    payloads: [{ b: 2 }],
    shufflePayloads: true,
    randomSeed: 7,
    coldStart: true,
    timeoutS: 2.5,
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 40 },
    budgetUSD: 3,
    expectedDurationMs: 250,
    keepGoingOnError: false,
  });
  const { spec, problems } = parseExperiment(FILE, text);
  assert.deepEqual(problems, []);
  assert.ok(spec);
  assert.equal(spec.experimentName, 'cmp');
  assert.equal(spec.source, 'hello.js');
  assert.deepEqual(spec.platforms, ['local', 'aws']);
  assert.deepEqual(spec.rate, { rps: 20, arrivals: 'poisson' });
  assert.equal(spec.maxInFlight, 50);
  assert.equal(spec.timeoutS, 2.5);
  assert.deepEqual(spec.retry, { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 40 });
  assert.equal(spec.budgetUSD, 3);
  assert.equal(spec.expectedDurationMs, 250);
  assert.equal(spec.keepGoingOnError, false);
  assert.equal(spec.coldStart, true);
});

test('a JSON syntax error is positioned and nothing else is checked', () => {
  const text = '{\n  "function": "hello"\n  "runs": 5\n}';
  expectError(text, '"runs"', 'JSON syntax: expected a comma between entries');
});

test('a trailing comma is a syntax error at the closing brace', () => {
  const text = '{"function": "hello", "runs": 5,}';
  expectError(text, '}', /^JSON syntax: expected a key in double quotes/);
});

test('comments are refused like VS Code refuses them in a .json file', () => {
  const text = '{\n  // sweep\n  "function": "hello"\n}';
  expectError(text, '// sweep', 'JSON syntax: comments are not allowed in an experiment file (it is plain JSON)');
});

test('the root must be an object', () => {
  expectError('[1, 2]', '[1, 2]', 'An experiment is a JSON object ({ ... }), found a list; e.g. {"function": "hello", "runs": 10}');
});

test('an empty file says what an experiment looks like', () => {
  const r = parseExperiment(FILE, '  ');
  assert.equal(r.spec, undefined);
  assert.match(only(r.problems).message, /^The file is empty/);
});

test('a missing function is reported on the opening brace', () => {
  expectError('{"runs": 5}', '{', 'function: missing; name the deployed function, e.g. "function": "hello"');
});

test('a memory setting below the minimum names its index, the limit and the range', () => {
  const text = '{"function": "f", "memorySettings": [128, 256, 64]}';
  expectError(text, '64', 'memorySettings[2]: 64 is below the minimum 128 MB; use a value from 128 to 10240');
});

test('a memory setting above the maximum', () => {
  const text = '{"function": "f", "memorySettings": [20480]}';
  expectError(text, '20480', 'memorySettings[0]: 20480 is above the maximum 10240 MB; use a value from 128 to 10240');
});

test('a quoted number says to drop the quotes', () => {
  const text = '{"function": "f", "runs": "10"}';
  expectError(text, '"10"', 'runs: expected a whole number, found the string "10"; write 10 without quotes');
});

test('a fractional count is not a whole number', () => {
  const text = '{"function": "f", "iterations": 2.5}';
  expectError(text, '2.5', 'iterations: 2.5 is not a whole number; use 3 (a value from 1 to 10000)');
});

test('runs of 0', () => {
  expectError('{"function": "f", "runs": 0}', '0', 'runs: 0 is below the minimum 1; use a value from 1 to 1000000');
});

test('more threads than runs is refused as FaaS Runner refuses it', () => {
  const text = '{"function": "f", "runs": 5, "threads": 8}';
  expectError(text, '8', 'threads: 8 is more than runs (5); a thread with no call to make would sit idle, so use at most 5');
});

test('an unknown platform suggests the FaaS Lab id for a FaaS Runner name', () => {
  const text = '{"function": "f", "platform": "AWS Lambda"}';
  expectError(text, '"AWS Lambda"', 'platform: "AWS Lambda" is not a FaaS Lab platform; did you mean "aws"?');
});

test('platform and platforms together', () => {
  const text = '{"function": "f", "platform": "local", "platforms": ["aws"]}';
  expectError(text, '"platforms"', 'platforms: use either "platform" (one) or "platforms" (several compared), not both');
});

test('a platform listed twice', () => {
  const text = '{"function": "f", "platforms": ["local", "local"]}';
  expectError(text, '"local"', 'platforms[1]: "local" is listed twice; list each platform once', 1);
});

test('a misspelt key is an error with a suggestion; an unrelated one is a warning', () => {
  const text = '{"function": "f", "iteration": 3}';
  expectError(text, '"iteration"', 'iteration: unknown key; did you mean "iterations"?');
  const other = parseExperiment(FILE, '{"function": "f", "notes": "about this run"}');
  assert.ok(other.spec);
  assert.match(only(other.problems, 'warning').message, /^notes: unknown key, ignored/);
});

test('open mode without a rate', () => {
  const text = '{"function": "f", "mode": "open"}';
  expectError(text, '"open"', 'mode: "open" needs a request rate; add e.g. "rate": {"rps": 50, "arrivals": "poisson"}');
});

test('a mode that does not exist', () => {
  expectError('{"function": "f", "mode": "ramp"}', '"ramp"', 'mode: the string "ramp" is not one of "closed", "open", "burst"; use one of them');
});

test('rate.rps of 0 and an unknown rate key', () => {
  expectError('{"function": "f", "mode": "open", "rate": {"rps": 0}}', '0', 'rate.rps: 0 must be above 0 per second; use a value above 0 and up to 100000');
  expectError('{"function": "f", "mode": "open", "rate": {"rps": 5, "arival": "poisson"}}', '"arival"', 'rate.arival: unknown key; did you mean "arrivals"?');
});

test('retry: a cap below the first delay, and a negative retry count', () => {
  const text = '{"function": "f", "retry": {"baseDelayMs": 500, "maxDelayMs": 100}}';
  expectError(text, '100', 'retry.maxDelayMs: 100 is below retry.baseDelayMs (500); the cap must be at least the first delay');
  expectError('{"function": "f", "retry": {"maxRetries": -1}}', '-1', 'retry.maxRetries: -1 is below the minimum 0; use a value from 0 to 100');
});

test('booleans in quotes', () => {
  expectError('{"function": "f", "coldStart": "true"}', '"true"', 'coldStart: expected true or false, found the string "true"; write true without quotes');
});

test('empty payloads, and a non-object payload with a parentPayload', () => {
  expectError('{"function": "f", "payloads": []}', '[]', 'payloads: empty; list at least one payload, e.g. [{}] for an empty request');
  const text = '{"function": "f", "parentPayload": {"a": 1}, "payloads": [{"b": 1}, "x"]}';
  expectError(text, '"x"', 'payloads[1]: the string "x" cannot be merged with parentPayload; payloads must be objects when parentPayload is set');
});

test('a duplicate key is reported on its second occurrence', () => {
  const text = '{"function": "f", "runs": 5, "runs": 6}';
  expectError(text, '"runs"', 'runs: this key appears twice; keep one (only the last one would count)', 1);
});

test('an experimentName that is not a folder name', () => {
  const text = '{"function": "f", "experimentName": "a/b"}';
  expectError(text, '"a/b"', 'experimentName: "a/b" names a folder, so it cannot hold / \\ : * ? " < > | or control characters; use e.g. "a-b"');
});

test('a payloadFolder is refused: its payloads would silently be missing', () => {
  const text = '{"function": "f", "payloadFolder": "./payloads"}';
  expectError(text, '"./payloads"', `payloadFolder: FaaS Lab does not read payload folders; copy the files' JSON objects into "payloads" and remove payloadFolder`);
});

test('warnings leave the spec usable: uneven thread split and warm-up covering every iteration', () => {
  const text = '{"function": "f", "runs": 10, "threads": 3, "iterations": 2, "warmupBuffer": 2}';
  const { spec, problems } = parseExperiment(FILE, text);
  assert.ok(spec);
  assert.equal(problems.length, 2);
  assert.ok(problems.every((p) => p.severity === 'warning'));
  const [threads, warmup] = problems;
  assert.deepEqual(threads.range, rangeOf(text, '3'));
  assert.match(threads.message, /FaaS Runner would make only 9 calls \(3 per thread\); FaaS Lab makes all 10: the first 1 thread\(s\) make 4/);
  assert.deepEqual(warmup.range, rangeOf(text, '2', 1));
});

test('the JSON schema is valid JSON and names exactly the keys the parser accepts', () => {
  const schemaFile = path.resolve(__dirname, '../../../../schemas/experiment.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
    $schema: string;
    properties: Record<string, { description?: string; default?: unknown; properties?: Record<string, { description?: string; default?: unknown }> }>;
  };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(Object.keys(schema.properties).sort(), acceptedTopLevelKeys().sort());
  assert.deepEqual(Object.keys(schema.properties.rate.properties ?? {}).sort(), [...RATE_KEYS].sort());
  assert.deepEqual(Object.keys(schema.properties.retry.properties ?? {}).sort(), [...RETRY_KEYS].sort());
  const all = [
    ...Object.entries(schema.properties),
    ...Object.entries(schema.properties.rate.properties ?? {}),
    ...Object.entries(schema.properties.retry.properties ?? {}),
  ];
  for (const [key, prop] of all) {
    assert.ok(prop.description && prop.description.length > 10, `${key} has a description`);
    assert.ok('default' in prop, `${key} has a default`);
  }
  // Each schema default is a value the parser accepts for that key.
  for (const [key, prop] of Object.entries(schema.properties)) {
    if (['function', 'platform', 'platforms', 'payloadFolder', '$schema'].includes(key)) continue;
    const doc: Record<string, unknown> = { function: 'f', [key]: prop.default };
    if (key === 'rate') doc.mode = 'open';
    const r = parseExperiment(FILE, JSON.stringify(doc));
    assert.ok(r.spec, `default of ${key} parses: ${JSON.stringify(r.problems)}`);
  }
});
