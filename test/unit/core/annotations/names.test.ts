// Handler names as the languages allow them (Unicode identifiers) and as the platforms take them,
// and two annotations on one handler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnnotations } from '../../../../src/core/annotations';
import { range, single } from './problem-helpers';

const JS = '/work/project/src/handlers.js';
const PY = '/work/project/handlers.py';

test('a Unicode JavaScript identifier is read whole, and a name no platform takes gets a positioned name= suggestion', () => {
  const bare = parseAnnotations(JS, '// @faas\nexport async function héllo(request, context) {}\n');
  assert.deepEqual(bare.functions, []);
  const problem = single(bare.problems);
  assert.equal(problem.severity, 'error');
  assert.equal(problem.message,
    '"héllo" is not a valid function name: use letters, digits, "-" and "_", start with a letter, at most 64 characters; ' +
      'no platform takes letters outside A-Z in a function name (add name=<deployed-name> to the annotation, e.g. name=hello).');
  assert.deepEqual(problem.range, range(1, 22, 27));
  const named = parseAnnotations(JS, '// @faas name=hello\nexport const héllo = async (request, context) => ({});\n');
  assert.deepEqual(named.problems, []);
  assert.deepEqual([named.functions[0].name, named.functions[0].handler], ['hello', 'héllo']);
});

test('a Unicode Python def is a handler like any other', () => {
  const bare = parseAnnotations(PY, '# @faas\ndef 函数(request, context):\n    return {}\n');
  const problem = single(bare.problems);
  assert.match(problem.message, /^"函数" is not a valid function name.*e\.g\. name=fn\)\.$/);
  assert.deepEqual(problem.range, range(1, 4, 6));
  const named = parseAnnotations(PY, '# @faas name=hanshu\ndef 函数(request, context):\n    return {}\n');
  assert.deepEqual(named.problems, []);
  assert.deepEqual([named.functions[0].name, named.functions[0].handler], ['hanshu', '函数']);
});

test('two // @faas annotations on one function: a warning naming both and the function', () => {
  const { functions, problems } = parseAnnotations(JS, '// @faas memory=256\n// @faas memory=512\nexport async function f(request, context) {}\n');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.equal(problem.message,
    'Another @faas annotation follows this one before f: "@faas memory=256" (line 1) and "@faas memory=512" (line 2) both mark f; ' +
      'only the one on line 2, nearest the function, is used: merge them into one.');
  assert.deepEqual(problem.range, range(0, 3, 8));
  assert.equal(functions[0].memoryMB, 512);
});

test('two # @faas lines on one def: a warning naming both', () => {
  const { functions, problems } = parseAnnotations(PY, '# @faas memory=256\n\n# @faas memory=512\ndef f(request, context):\n    pass\n');
  const problem = single(problems);
  assert.equal(problem.message,
    'Another @faas annotation follows this one before def f: "# @faas memory=256" (line 1) and "# @faas memory=512" (line 3) both mark it; ' +
      'only the one on line 3, nearest the def, is used: merge them into one.');
  assert.deepEqual(problem.range, range(0, 2, 7));
  assert.equal(functions[0].memoryMB, 512);
});

test('# @faas plus @cloud_function on one def: a warning at the decorator naming both', () => {
  const { functions, problems } = parseAnnotations(PY, '# @faas memory=256\n@cloud_function(memory=512)\ndef f(request, context):\n    pass\n');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /^def f is marked twice: "# @faas memory=256" \(line 1\) and "@cloud_function" \(line 2\); FaaS Lab uses the # @faas line/);
  assert.deepEqual(problem.range, range(1, 0, 15));
  assert.equal(functions[0].memoryMB, 256);
});
