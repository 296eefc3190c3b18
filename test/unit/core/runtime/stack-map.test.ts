// Error records from a bundled handler on a platform that runs Node without --enable-source-maps
// (Lambda, Google, Azure): the stack names the handler's own file and line, read from the bundle's
// inline source map, not /var/task/index.js.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { buildArtifact } from '../../../../src/core/packaging';
import { HANDLERS_DIR, RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-stack-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs the Lambda bundle's handler once in plain node, as Lambda's runtime would, with FaaS Lab's envelope. */
function errorOf(bundle: Uint8Array, payload: unknown): { type: string; message: string; stack: string } {
  const dir = mkdtempSync(path.join(work, 'task-'));
  writeFileSync(path.join(dir, 'index.js'), bundle);
  const event = JSON.stringify({ __faaslab: { metrics: true }, payload });
  const out = execFileSync(process.execPath, ['-e', `require('./index.js').handler(${event}, {}).then((r) => console.log(JSON.stringify(r.error)))`], { cwd: dir }).toString();
  return JSON.parse(out) as { type: string; message: string; stack: string };
}

test("a thrown error's stack names the handler's source file, line and column, not the bundle", async () => {
  const spec = fixtureSpec('throws.js', 'throws', { platforms: ['aws'] });
  const artifact = await buildArtifact(spec, { target: 'aws', runtimeDir: RUNTIME_DIR });
  const error = errorOf(artifact.files.find((f) => f.path === 'index.js')!.data, { x: 1 });
  assert.equal(error.type, 'ValidationError');
  const source = readFileSync(path.join(HANDLERS_DIR, 'throws.js'), 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes('throw new ValidationError')) + 1;
  const column = source[line - 1].indexOf('new ValidationError') + 1;
  assert.deepEqual(error.stack.split('\n'), [
    'ValidationError: bad input: {"x":1}',
    `    at throws (${path.join(HANDLERS_DIR, 'throws.js')}:${line}:${column})`,
  ]);
});

test('TypeScript: frames map to the .ts file; frames outside the bundle stay as they were', async () => {
  const dir = mkdtempSync(path.join(work, 'ts-'));
  const file = path.join(dir, 'fails.ts');
  writeFileSync(file, ['interface In { n: number }', '', 'function check(input: In): number {', '  if (input.n < 0) throw new RangeError(`n is ${input.n}`);', '  return input.n;', '}', '', '// @faas platforms=aws', 'export function fails(request: In) {', '  return [1].map(() => check(request));', '}', ''].join('\n'));
  const spec = fixtureSpec('hello.js', 'fails', { file, platforms: ['aws'] });
  const artifact = await buildArtifact(spec, { target: 'aws', runtimeDir: RUNTIME_DIR });
  const lines = errorOf(artifact.files.find((f) => f.path === 'index.js')!.data, { n: -1 }).stack.split('\n');
  assert.equal(lines[0], 'RangeError: n is -1');
  assert.equal(lines[1], `    at check (${file}:4:26)`);
  assert.match(lines[2], new RegExp(`^    at ${escape(file)}:10:24$|^    at .* \\(${escape(file)}:10:24\\)$`));
  assert.ok(lines.some((l) => l.includes('(<anonymous>)') || l.includes('Array.map')), 'the builtin frame is kept as it is');
  assert.ok(!lines.some((l) => l.includes('index.js')), lines.join('\n'));
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
