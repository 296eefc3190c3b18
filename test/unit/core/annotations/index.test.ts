// The public entry points: which files are read, the cheap pre-check, and checks across a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageOf, mayContainAnnotations, parseAnnotations } from '../../../../src/core/annotations';

test('languageOf maps extensions to runtimes', () => {
  for (const ext of ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'TS']) {
    assert.equal(languageOf(`/p/handler.${ext}`), 'node', ext);
  }
  assert.equal(languageOf('/p/handler.py'), 'python');
  assert.equal(languageOf('/p/handler.rb'), undefined);
  assert.equal(languageOf('/p/README'), undefined);
  assert.equal(languageOf('/p/types.d.ts'), undefined, 'declaration files hold no code');
});

test('mayContainAnnotations looks for either marker', () => {
  assert.equal(mayContainAnnotations('// @faas\nexport function f() {}'), true);
  assert.equal(mayContainAnnotations('@cloud_function(platform="aws")'), true);
  assert.equal(mayContainAnnotations('@FaaSET.cloud_function(platform="aws")'), true);
  assert.equal(mayContainAnnotations('export function f() {}\n// faas'), false);
});

test('files of other languages, or without markers, yield nothing', () => {
  assert.deepEqual(parseAnnotations('/p/notes.md', '// @faas\nexport function f() {}'), { functions: [], problems: [] });
  assert.deepEqual(parseAnnotations('/p/plain.ts', 'export function f() {}'), { functions: [], problems: [] });
  assert.deepEqual(parseAnnotations('/p/empty.py', ''), { functions: [], problems: [] });
});

test('malformed: two handlers deployed under one name; the second is the error', () => {
  const text = [
    '// @faas name=greeter',
    'export function hello(request, context) {}',
    '// @faas',
    'export function greeter(request, context) {}',
    '// @faas name=greeter',
    'export function hi(request, context) {}',
  ].join('\n');
  const { functions, problems } = parseAnnotations('/p/dup.ts', text);
  assert.deepEqual(functions.map((f) => f.handler), ['hello']);
  assert.equal(problems.length, 2);
  assert.match(problems[0].message, /Function name "greeter" is already used by hello on line 2; deployed names must be unique: give this one another name=\.\.\., e\.g\. name=greeter-2/);
  assert.deepEqual(problems[0].range, { startLine: 3, startCol: 16, endLine: 3, endCol: 23 });
  assert.deepEqual(problems[1].range, { startLine: 4, startCol: 14, endLine: 4, endCol: 21 });
  assert.deepEqual(problems.map((p) => p.severity), ['error', 'error']);
});

test('every problem names the file it belongs to', () => {
  const { problems } = parseAnnotations('/p/x.py', '# @faas memory=1\ndef f(request, context):\n    pass\n');
  assert.deepEqual(problems.map((p) => p.file), ['/p/x.py']);
});
