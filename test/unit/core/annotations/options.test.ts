// @faas options: every key, the defaults, and malformed option text with exact positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnnotations } from '../../../../src/core/annotations';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, type Problem } from '../../../../src/core/model';
import { single } from './problem-helpers';

const FILE = '/work/project/handler.ts';

/** `// @faas <options>` above a valid handler: option text starts at line 0, column 9. */
function annotate(options: string) {
  return parseAnnotations(FILE, `// @faas ${options}\nexport async function hello(request, context) {}\n`);
}

function assertAt(problem: Problem, line: number, startCol: number, endCol: number): void {
  assert.deepEqual(problem.range, { startLine: line, startCol, endLine: line, endCol });
}

test('a bare @faas takes every default', () => {
  const { functions, problems } = annotate('');
  assert.deepEqual(problems, []);
  assert.deepEqual(functions, [{
    name: 'hello',
    file: FILE,
    range: { startLine: 1, startCol: 0, endLine: 1, endCol: 27 },
    language: 'node',
    handler: 'hello',
    memoryMB: DEFAULT_MEMORY_MB,
    timeoutS: DEFAULT_TIMEOUT_S,
    platforms: ['local'],
    requirements: [],
    env: {},
    includes: [],
  }]);
});

test('every option is read', () => {
  const { functions, problems } = annotate(
    'memory=256 timeout=60 platforms=local,aws,gcp name=hello-fn env=GREETING=hi,MODE=fast ' +
      'requirements=requests,numpy>=1.26 includes=data,templates/page.html package=image',
  );
  assert.deepEqual(problems, []);
  const [spec] = functions;
  assert.equal(spec.memoryMB, 256);
  assert.equal(spec.timeoutS, 60);
  assert.deepEqual(spec.platforms, ['local', 'aws', 'gcp']);
  assert.equal(spec.name, 'hello-fn');
  assert.equal(spec.handler, 'hello');
  assert.deepEqual(spec.env, { GREETING: 'hi', MODE: 'fast' });
  assert.deepEqual(spec.requirements, ['requests', 'numpy>=1.26']);
  assert.deepEqual(spec.includes, ['data', 'templates/page.html']);
  assert.equal(spec.package, 'image');
});

test('package=image and package=zip reach the FunctionSpec in TS, JS and Python', () => {
  const { functions, problems } = annotate('platforms=aws package=image');
  assert.deepEqual(problems, []);
  assert.deepEqual(functions, [{
    name: 'hello',
    file: FILE,
    range: { startLine: 1, startCol: 0, endLine: 1, endCol: 27 },
    language: 'node',
    handler: 'hello',
    memoryMB: DEFAULT_MEMORY_MB,
    timeoutS: DEFAULT_TIMEOUT_S,
    platforms: ['aws'],
    requirements: [],
    env: {},
    includes: [],
    package: 'image',
  }]);
  assert.equal(annotate('package=zip platforms=local,aws').functions[0].package, 'zip');

  const js = parseAnnotations('/work/project/handler.js', '/** @faas platforms=aws package=zip */\nexport function hello(request, context) {}\n');
  assert.deepEqual(js.problems, []);
  assert.equal(js.functions[0].package, 'zip');

  const py = parseAnnotations('/work/project/handler.py', '# @faas platforms=aws,local package=image\ndef hello(request, context):\n    pass\n');
  assert.deepEqual(py.problems, []);
  assert.deepEqual([py.functions[0].language, py.functions[0].platforms, py.functions[0].package], ['python', ['aws', 'local'], 'image']);
});

test('without package= the FunctionSpec has no package field', () => {
  assert.equal('package' in annotate('platforms=aws').functions[0], false);
});

test('limits are inclusive', () => {
  assert.equal(annotate('memory=128 timeout=1').functions[0].memoryMB, 128);
  const top = annotate('memory=10240 timeout=900').functions[0];
  assert.equal(top.memoryMB, 10240);
  assert.equal(top.timeoutS, 900);
});

test('quoted values hold spaces and commas', () => {
  const { functions, problems } = annotate('env=GREETING="hello, world",EMPTY="",Q="say \\"hi\\"" name="hello-fn"');
  assert.deepEqual(problems, []);
  assert.deepEqual(functions[0].env, { GREETING: 'hello, world', EMPTY: '', Q: 'say "hi"' });
  assert.equal(functions[0].name, 'hello-fn');
});

test('a wholly quoted list is split inside the quotes', () => {
  const { functions, problems } = annotate('platforms="local, aws" requirements="requests >= 2, numpy"');
  assert.deepEqual(problems, []);
  assert.deepEqual(functions[0].platforms, ['local', 'aws']);
  assert.deepEqual(functions[0].requirements, ['requests >= 2', 'numpy']);
});

test('repeated platforms are listed once', () => {
  assert.deepEqual(annotate('platforms=aws,local,aws').functions[0].platforms, ['aws', 'local']);
});

test('malformed: unknown key suggests the nearest known one', () => {
  const { functions, problems } = annotate('memroy=256');
  const problem = single(problems);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /Unknown @faas option "memroy"/);
  assert.match(problem.message, /Did you mean "memory"\?/);
  assertAt(problem, 0, 9, 15);
  assert.deepEqual(functions, []);
});

test('malformed: option without =value', () => {
  const problem = single(annotate('timeout=30 memory').problems);
  assert.match(problem.message, /Option "memory" has no value: write memory=<value>, e.g. memory=256/);
  assertAt(problem, 0, 20, 26);
});

test('malformed: option with an empty value', () => {
  const problem = single(annotate('timeout=').problems);
  assert.match(problem.message, /Option "timeout" has no value.*timeout=30/);
  assertAt(problem, 0, 9, 17);
});

test('malformed: duplicated key warns and keeps the first', () => {
  const { functions, problems } = annotate('memory=256 memory=512');
  const problem = single(problems);
  assert.equal(problem.severity, 'warning');
  assert.match(problem.message, /"memory" is set twice; the first memory= is used.*remove one/);
  assertAt(problem, 0, 20, 26);
  assert.equal(functions[0].memoryMB, 256);
});

test('malformed: non-integer memory', () => {
  const problem = single(annotate('memory=256MB').problems);
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /memory must be a whole number of MB from 128 to 10240, not "256MB": write e.g. memory=256/);
  assertAt(problem, 0, 16, 21);
});

test('malformed: memory out of range', () => {
  const problem = single(annotate('platforms=aws memory=64').problems);
  assert.match(problem.message, /from 128 to 10240, not "64"/);
  assertAt(problem, 0, 30, 32);
});

test('malformed: timeout out of range or fractional', () => {
  const high = single(annotate('timeout=1000').problems);
  assert.match(high.message, /timeout must be a whole number of seconds from 1 to 900, not "1000": write e.g. timeout=30/);
  assertAt(high, 0, 17, 21);
  const fraction = single(annotate('timeout=2.5').problems);
  assert.match(fraction.message, /not "2.5"/);
  assertAt(fraction, 0, 17, 20);
});

test('malformed: unknown platform lists the valid ones', () => {
  const { functions, problems } = annotate('platforms=local,awss');
  const problem = single(problems);
  assert.match(problem.message, /Unknown platform "awss". Did you mean "aws"\? Use one or more of local, docker, aws, gcp, azure/);
  assertAt(problem, 0, 25, 29);
  assert.deepEqual(functions, []);
});

test('malformed: env entry without =', () => {
  const problem = single(annotate('env=MODE=fast,GREETING').problems);
  assert.match(problem.message, /Malformed env entry "GREETING": write KEY=VALUE/);
  assertAt(problem, 0, 23, 31);
});

test('malformed: env name that is not an identifier', () => {
  const problem = single(annotate('env=1MODE=fast').problems);
  assert.match(problem.message, /"1MODE" is not a valid environment variable name: start with a letter or "_"/);
  assertAt(problem, 0, 13, 18);
});

test('malformed: bad deployed name', () => {
  const problem = single(annotate('name=hello.fn').problems);
  assert.match(problem.message, /"hello.fn" is not a valid function name: use letters, digits, "-" and "_", start with a letter, at most 64/);
  assertAt(problem, 0, 14, 22);
  const long = single(annotate(`name=a${'b'.repeat(64)}`).problems);
  assert.match(long.message, /at most 64 characters/);
});

test('malformed: unterminated quote', () => {
  const { functions, problems } = annotate('env=GREETING="hello, world memory=256');
  const problem = single(problems);
  assert.match(problem.message, /Unterminated quote: add a closing "/);
  assertAt(problem, 0, 22, 46);
  assert.deepEqual(functions, []);
});

test('malformed: absolute include path', () => {
  const problem = single(annotate('includes=data,/etc/passwd').problems);
  assert.match(problem.message, /includes takes paths relative to this file, not "\/etc\/passwd"/);
  assertAt(problem, 0, 23, 34);
});

test('malformed: empty platforms list', () => {
  const problem = single(annotate('platforms=","').problems);
  assert.match(problem.message, /platforms is empty: list one or more of local, docker, aws, gcp, azure/);
  assertAt(problem, 0, 19, 22);
});

test('malformed: unknown package says what to write', () => {
  const { functions, problems } = annotate('platforms=aws package=imag');
  const problem = single(problems);
  assert.equal(problem.severity, 'error');
  assert.equal(problem.message,
    'Unknown package "imag". Did you mean "image"? Write package=zip or package=image (image: a container image on AWS Lambda).');
  assertAt(problem, 0, 31, 35);
  assert.deepEqual(functions, []);
  // Case-sensitive, like platforms.
  assert.match(single(annotate('package=ZIP').problems).message, /^Unknown package "ZIP". Did you mean "zip"\?/);
  const docker = single(annotate('package=docker').problems);
  assert.equal(docker.message, 'Unknown package "docker". Write package=zip or package=image (image: a container image on AWS Lambda).');
  assertAt(docker, 0, 17, 23);
});

test('malformed: package without a value', () => {
  const problem = single(annotate('package=').problems);
  assert.equal(problem.message, 'Option "package" has no value: write package=<value>, e.g. package=image.');
  assertAt(problem, 0, 9, 17);
});

test('package=image on platforms without aws warns, wherever platforms= is written', () => {
  const message =
    'package=image only changes AWS Lambda deployments (Docker always runs containers; local, gcp and azure ignore it): ' +
    'add aws to platforms= or remove package=.';
  const after = annotate('platforms=local,docker package=image');
  const problem = single(after.problems);
  assert.equal(problem.severity, 'warning');
  assert.equal(problem.message, message);
  assertAt(problem, 0, 40, 45);
  assert.deepEqual([after.functions[0].platforms, after.functions[0].package], [['local', 'docker'], 'image']);

  const before = single(annotate('package=image platforms=gcp').problems);
  assert.equal(before.message, message);
  assertAt(before, 0, 17, 22);
});

test('package= without a warning: aws listed, platforms= left out, or zip', () => {
  assert.deepEqual(annotate('package=image platforms=local,aws').problems, []);
  assert.deepEqual(annotate('package=image').problems, []);
  assert.deepEqual(annotate('package=zip platforms=gcp').problems, []);
});

test('every bad option is reported, not just the first', () => {
  const { problems } = annotate('memory=1 timeout=0 platforms=moon');
  assert.deepEqual(problems.map((p) => p.range.startCol), [16, 26, 38]);
});
