// JavaScript/TypeScript handlers: every declaration form, what must not count as an annotation,
// and the JS-specific problems with exact positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnnotations } from '../../../../src/core/annotations';
import { range, single } from './problem-helpers';

const TS = '/work/project/src/handlers.ts';
const JS = '/work/project/src/handlers.js';

test('line comment above export async function', () => {
  const { functions, problems } = parseAnnotations(JS, [
    '// @faas memory=256 platforms=local,aws',
    'export async function hello(request, context) {',
    '  return { message: `hi ${request.name}` };',
    '}',
  ].join('\n'));
  assert.deepEqual(problems, []);
  assert.equal(functions.length, 1);
  assert.equal(functions[0].handler, 'hello');
  assert.equal(functions[0].file, JS);
  assert.equal(functions[0].language, 'node');
  assert.deepEqual(functions[0].range, range(1, 0, 27));
  assert.deepEqual(functions[0].platforms, ['local', 'aws']);
});

test('plain exported function, without async', () => {
  const { functions } = parseAnnotations(JS, '//@faas\nexport function plain(request) { return 1; }\n');
  assert.deepEqual(functions.map((f) => [f.handler, f.range]), [['plain', range(1, 0, 21)]]);
});

test('JSDoc block with an @faas tag', () => {
  const { functions, problems } = parseAnnotations(TS, [
    '/**',
    ' * Says hello.',
    ' * @faas memory=512 timeout=10',
    ' * @param request the payload',
    ' */',
    'export const hello = async (request, context) => ({ ok: true });',
  ].join('\n'));
  assert.deepEqual(problems, []);
  assert.equal(functions[0].handler, 'hello');
  assert.equal(functions[0].memoryMB, 512);
  assert.equal(functions[0].timeoutS, 10);
  assert.deepEqual(functions[0].range, range(5, 0, 18));
});

test('one-line JSDoc', () => {
  const { functions, problems } = parseAnnotations(TS, '/** @faas memory=1024 */\nexport function big(request, context) {}\n');
  assert.deepEqual(problems, []);
  assert.equal(functions[0].memoryMB, 1024);
});

test('arrow and function expressions bound to exported consts', () => {
  const text = [
    '// @faas',
    'export const arrow = async (request, context) => request;',
    '// @faas',
    'export const single = request => request;',
    '// @faas',
    'export const expr = function (request, context) { return 1; };',
    '// @faas',
    'export let named = async function inner(request, context) { return 1; };',
  ].join('\n');
  const { functions, problems } = parseAnnotations(JS, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => [f.handler, f.range.startLine]), [['arrow', 1], ['single', 3], ['expr', 5], ['named', 7]]);
});

test('CommonJS exports.name and module.exports.name', () => {
  const text = [
    '// @faas name=first-fn',
    'exports.first = async (request, context) => 1;',
    '',
    '// @faas',
    'module.exports.second = function (request, context) { return 2; };',
  ].join('\n');
  const { functions, problems } = parseAnnotations('/work/p/handler.cjs', text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => [f.name, f.handler, f.range]), [
    ['first-fn', 'first', range(1, 0, 13)],
    ['second', 'second', range(4, 0, 21)],
  ]);
});

test('TypeScript types, generics and return types', () => {
  const text = [
    '// @faas platforms=aws',
    'export async function typed(request: Req<Map<string, number>, B>, context: Ctx): Promise<R> {',
    '  return {} as R;',
    '}',
    '// @faas',
    'export const handler: Handler<Req, Res> = async <T,>(request: T, context: Ctx): Promise<T> => request;',
    '// @faas',
    'export async function generic<T extends object>(request: T, context?: Ctx) {}',
  ].join('\n');
  const { functions, problems } = parseAnnotations(TS, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => f.handler), ['typed', 'handler', 'generic']);
});

test('blank lines, other comments and decorators may sit between', () => {
  const text = [
    '// @faas memory=256',
    '',
    '// Greets people.',
    '/* more words */',
    '@traced() @logged',
    'export async function hello(request, context) {}',
  ].join('\n');
  const { functions, problems } = parseAnnotations(TS, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => [f.handler, f.range.startLine]), [['hello', 5]]);
});

test('@faas inside strings, templates and regular expressions is not an annotation', () => {
  const text = [
    'const docs = "// @faas memory=256";',
    "const more = '/* @faas */';",
    'const tpl = `',
    '// @faas memory=256',
    '${"nested // @faas"}',
    '`;',
    'const re = /\\/\\/ @faas/;',
    'export function notAHandler(request, context) {}',
    'export const x = 1; // @faas trailing comment describes this line',
    'export function alsoNot(request, context) {}',
    '// @faasish is another tag',
    'export function stillNot(request, context) {}',
  ].join('\n');
  assert.deepEqual(parseAnnotations(JS, text), { functions: [], problems: [] });
});

test('an annotation after a template literal with substitutions is still found', () => {
  const text = 'const a = `x${`y${1}`}z`; const b = 4 / 2; // not a regex\n// @faas\nexport function after(request, context) {}\n';
  const { functions, problems } = parseAnnotations(JS, text);
  assert.deepEqual(problems, []);
  assert.deepEqual(functions.map((f) => f.handler), ['after']);
});

test('malformed: annotation not followed by a function', () => {
  const text = '// @faas memory=256\nexport const config = { memory: 256 };\n';
  const { functions, problems } = parseAnnotations(JS, text);
  const problem = single(problems);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /@faas must sit directly above an exported function, e.g. export async function hello\(request, context\)/);
  assert.match(problem.message, /followed by "export const config = \{ memory: 256 \};"/);
  assert.deepEqual(problem.range, range(0, 3, 8));
  assert.deepEqual(functions, []);
});

test('malformed: annotation at the end of the file', () => {
  const problem = single(parseAnnotations(JS, 'export const x = 1;\n\n  // @faas').problems);
  assert.match(problem.message, /but nothing follows it/);
  assert.deepEqual(problem.range, range(2, 5, 10));
});

test('malformed: annotated function that is not exported', () => {
  const text = '\n// @faas\nasync function hidden(request, context) {}\n// @faas\nconst alsoHidden = (request) => request;\n';
  const { functions, problems } = parseAnnotations(JS, text);
  assert.equal(problems.length, 2);
  assert.match(problems[0].message, /hidden is not exported, so FaaS Lab cannot call it: add export in front \(export async function hidden \.\.\.\)/);
  assert.deepEqual(problems[0].range, range(2, 0, 21));
  assert.match(problems[1].message, /alsoHidden is not exported.*\(export const alsoHidden \.\.\.\)/);
  assert.deepEqual(problems[1].range, range(4, 0, 16));
  assert.deepEqual(functions, []);
});

test('malformed: default export has no callable name', () => {
  const problem = single(parseAnnotations(JS, '// @faas\nexport default async function (request, context) {}\n').problems);
  assert.match(problem.message, /default export has no name.*export async function hello\(request, context\)/);
  assert.deepEqual(problem.range, range(1, 0, 14));
});

test('malformed: more than two required parameters is a warning', () => {
  const text = '// @faas\nexport function wide(request, context, extra, more) {}\n';
  const { functions, problems } = parseAnnotations(JS, text);
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /wide takes 4 parameters, but FaaS Lab calls a handler as wide\(request, context\)/);
  assert.deepEqual(problem.range, range(1, 39, 50));
  assert.equal(functions.length, 1, 'a warning still leaves the function deployable');
});

test('optional, defaulted and rest parameters do not count as required', () => {
  const text = [
    '// @faas',
    'export function a(request, context, extra = 1, ...rest) {}',
    '// @faas',
    'export function b(request: R, context?: C, { x, y }: Opts = {}, cb: (a: A, b: B) => void = noop) {}',
  ].join('\n');
  assert.deepEqual(parseAnnotations(TS, text).problems, []);
});

test('two annotations above one function: the nearest wins, the other is flagged', () => {
  const text = '// @faas memory=256\n// @faas memory=512\nexport function f(request, context) {}\n';
  const { functions, problems } = parseAnnotations(JS, text);
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /Another @faas annotation follows.*merge them/);
  assert.deepEqual(problem.range, range(0, 3, 8));
  assert.equal(functions[0].memoryMB, 512);
});

test('an error in one annotation leaves the others deployable', () => {
  const text = '// @faas memory=1\nexport function bad(request) {}\n// @faas\nexport function good(request) {}\n';
  const { functions, problems } = parseAnnotations(JS, text);
  assert.equal(problems.length, 1);
  assert.deepEqual(functions.map((f) => f.handler), ['good']);
});

test('CRLF line endings', () => {
  const text = '// @faas memory=256 name=crlf\r\nexport function f(request, context) {}\r\n';
  const { functions, problems } = parseAnnotations(JS, text);
  assert.deepEqual(problems, []);
  assert.equal(functions[0].name, 'crlf');
  assert.deepEqual(functions[0].range, range(1, 0, 17));
});
