// What runs only on first use (the results panel, the experiment editor, experiment runs, the
// local platform) is a lazy bundle of its own (LAZY_BUNDLES in load-bundle.ts): extension.js
// activates without loading any, and each loads and works when its feature is first used.
// Reads the build `npm run build` wrote (npm test builds first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { readRun } from '../../../src/core/results/store';
import { shapeComparison } from '../../../src/core/results/view/compare';

const REPO = path.resolve(__dirname, '../../..');
const DIST = path.join(REPO, 'dist');
const run = promisify(execFile);
const root = mkdtempSync(path.join(os.tmpdir(), 'faaslab-lazy-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
function srcOf(output: string): string[] {
  const file = path.join(DIST, 'metafile.json');
  assert.ok(existsSync(file), `${file} is missing: run 'npm run build' first`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Metafile;
  assert.ok(meta.outputs[output], `${output} was not built`);
  return Object.keys(meta.outputs[output].inputs).filter((f) => f.startsWith('src/'));
}

test('extension.js carries no code of the lazy bundles, and they share no module with it', () => {
  const extension = srcOf('dist/extension.js');
  const features = srcOf('dist/lazy/features.js');
  const local = srcOf('dist/providers/local.js');
  for (const file of ['src/extension/results/panel.ts', 'src/core/results/view/compare.ts', 'src/extension/experiment-editor/editor.ts', 'src/core/experiment/runner.ts', 'src/core/experiment/run-file.ts']) {
    assert.ok(features.includes(file), `${file} is not in features.js`);
    assert.ok(!extension.includes(file), `${file} is in extension.js`);
  }
  assert.ok(local.includes('src/providers/local/provider.ts'));
  assert.ok(!extension.includes('src/providers/local/provider.ts'));
  assert.deepEqual(features.filter((f) => extension.includes(f) || local.includes(f)), []);
  assert.deepEqual(local.filter((f) => extension.includes(f) || srcOf('dist/cli.js').includes(f)), []);
});

test('activation loads no lazy bundle; comparing two runs loads features.js, which shapes the comparison as the source does', async () => {
  const runs = path.join(REPO, 'test/fixtures/store-golden/runs/sweep');
  const [a, b] = ['2026-11-23T09-00-00-000Z', '2026-11-24T09-00-00-000Z'].map((r) => path.join(runs, r));
  const { stdout } = await run(process.execPath, [path.join(REPO, 'test/fixtures/bundle/activate-built.cjs'), DIST, root, path.join(a, 'run.json'), path.join(b, 'run.json')], { maxBuffer: 1 << 26 });
  const out = JSON.parse(stdout) as { afterActivation: string[]; afterComparison: string[]; commands: number; comparison?: { view: unknown } };
  assert.deepEqual(out.afterActivation, ['extension.js']);
  assert.ok(out.commands > 10, `activate() registered ${out.commands} commands`);
  assert.deepEqual(out.afterComparison, ['extension.js', 'lazy/features.js']);
  const [before, afterRun] = await Promise.all([a, b].map(async (runDir) => ({ runDir, ...(await readRun(runDir)) })));
  assert.deepEqual(out.comparison?.view, JSON.parse(JSON.stringify(shapeComparison(before, afterRun))));
});

/** The built CLI; prints the dist/ bundles it loaded on stderr's last line. */
async function cliLoading(args: string[], cwd: string) {
  const probe = path.join(root, 'loaded.cjs');
  writeFileSync(probe, `process.on('exit', () => process.stderr.write('\\nloaded ' + JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(DIST + path.sep)})).map((f) => f.slice(${DIST.length + 1})).sort()) + '\\n'));\n`);
  const r = await run(process.execPath, ['--require', probe, path.join(DIST, 'cli.js'), ...args, '--root', cwd], { cwd, env: { PATH: process.env.PATH ?? '', HOME: root } });
  const loaded = JSON.parse(/\nloaded (.*)\n$/.exec(r.stderr)![1]) as string[];
  return { stdout: r.stdout, loaded };
}

test('the CLI starts without the local bundle and loads it to call a function on local', async () => {
  const dir = mkdtempSync(path.join(root, 'cli-'));
  copyFileSync(path.join(REPO, 'examples/hello.js'), path.join(dir, 'hello.js'));
  // In-process local platform (not the shared local host, a process of its own).
  mkdirSync(path.join(dir, '.vscode'));
  writeFileSync(path.join(dir, '.vscode/settings.json'), '{ "faasLab.local.host": "off" }\n');
  assert.deepEqual((await cliLoading(['help'], dir)).loaded, ['cli.js']);
  const invoked = await cliLoading(['invoke', 'hello.js', '--payload', '{"name":"bundle"}'], dir);
  assert.deepEqual(JSON.parse(invoked.stdout), { message: 'Hello, bundle!', function: 'hello' });
  assert.deepEqual(invoked.loaded, ['cli.js', 'providers/local.js']);
});
