// Python handlers marked with `# @faas`: forms that count, text that must not, and positioned problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnnotations } from '../../../../src/core/annotations';
import { range, single } from './problem-helpers';

const PY = '/work/project/handler.py';

test('# @faas above a top-level def', () => {
  const text = [
    'import json',
    '',
    '# @faas memory=512 timeout=60 platforms=local,gcp requirements=requests,numpy>=1.26 includes=model.pkl',
    'def hello(request, context):',
    '    return {"message": "hi"}',
  ].join('\n');
  const { functions, problems } = parseAnnotations(PY, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions, [{
    name: 'hello',
    file: PY,
    range: range(3, 0, 9),
    language: 'python',
    handler: 'hello',
    memoryMB: 512,
    timeoutS: 60,
    platforms: ['local', 'gcp'],
    requirements: ['requests', 'numpy>=1.26'],
    env: {},
    includes: ['model.pkl'],
  }]);
});

test('async def, #@faas without a space, and decorators between', () => {
  const text = [
    '#@faas name=async-fn',
    '@functools.lru_cache(',
    '    maxsize=None,',
    ')',
    '# a comment',
    '',
    'async def run(request, context):',
    '    return 1',
  ].join('\n');
  const { functions, problems } = parseAnnotations(PY, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => [f.name, f.handler, f.range]), [['async-fn', 'run', range(6, 0, 13)]]);
});

test('multi-line signatures, defaults and *args are fine', () => {
  const text = [
    '# @faas',
    'def a(',
    '    request,  # the payload',
    '    context,',
    '    retries: int = 3,',
    '):',
    '    pass',
    '# @faas',
    'def b(*args, **kwargs): pass',
  ].join('\n');
  const { functions, problems } = parseAnnotations(PY, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => f.handler), ['a', 'b']);
});

test('@faas inside strings and docstrings is not an annotation', () => {
  const text = [
    'DOC = """',
    '# @faas memory=256',
    'def fake(request, context):',
    '"""',
    "s = '# @faas'",
    'def not_annotated(request, context):',
    '    x = 1  # @faas trailing',
    '    return x',
  ].join('\n');
  assert.deepEqual(parseAnnotations(PY, text), { functions: [], problems: [] });
});

test('malformed: annotation on a nested def', () => {
  const text = [
    'class Handlers:',
    '    # @faas memory=256',
    '    def hello(self, request, context):',
    '        pass',
  ].join('\n');
  const { functions, problems } = parseAnnotations(PY, text);
  const problem = single(problems);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /hello is nested inside another block, but FaaS Lab can only call top-level functions: move def hello\(request, context\)/);
  assert.deepEqual(problem.range, range(1, 6, 11));
  assert.deepEqual(functions, []);
});

test('malformed: # @faas not followed by a def', () => {
  const text = 'import os\n\n# @faas memory=256\nHANDLER = os.environ["X"]\n\ndef later(request, context):\n    pass\n';
  const { functions, problems } = parseAnnotations(PY, text);
  const problem = single(problems);
  assert.match(problem.message, /# @faas must sit directly above a top-level def, e.g. def hello\(request, context\):, but it is followed by "HANDLER = os.environ\["X"\]"/);
  assert.deepEqual(problem.range, range(2, 2, 7));
  assert.deepEqual(functions, []);
});

test('malformed: bad option in a Python comment', () => {
  const problem = single(parseAnnotations(PY, '# @faas platforms=lambda\ndef f(request, context):\n    pass\n').problems);
  assert.match(problem.message, /Unknown platform "lambda"/);
  assert.deepEqual(problem.range, range(0, 18, 24));
});

test('malformed: too many required parameters is a warning', () => {
  const { functions, problems } = parseAnnotations(PY, '# @faas\ndef f(request, context, extra):\n    pass\n');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /f takes 3 required parameters, but FaaS Lab calls a handler as f\(request, context\)/);
  assert.deepEqual(problem.range, range(1, 24, 29));
  assert.equal(functions.length, 1);
});

test('malformed: too few parameters is a warning (Python raises TypeError)', () => {
  const problem = single(parseAnnotations(PY, '# @faas\ndef f(request):\n    pass\n').problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /calls a handler as f\(request, context\), which fails with a TypeError here: write def f\(request, context\):/);
  assert.deepEqual(problem.range, range(1, 5, 14));
});

test('malformed: a handler name that cannot be a deployed name needs name=', () => {
  const { functions, problems } = parseAnnotations(PY, '# @faas\ndef _private(request, context):\n    pass\n');
  const problem = single(problems);
  assert.match(problem.message, /"_private" is not a valid function name.*add name=<deployed-name> to the annotation/);
  assert.deepEqual(problem.range, range(1, 4, 12));
  assert.deepEqual(functions, []);
  assert.equal(parseAnnotations(PY, '# @faas name=private\ndef _private(request, context):\n    pass\n').functions[0].name, 'private');
});
