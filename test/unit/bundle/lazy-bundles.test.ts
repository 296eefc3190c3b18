// What runs only on first use (command bodies, the platforms, the Functions view's listing, the
// results panel, the experiment editor, experiment runs and checks) is a lazy bundle of its own
// (LAZY_BUNDLES in src/extension/bundles.ts), as is each platform: extension.js holds only what
// activation runs, activates without loading any, and each loads and works when first used.
// Reads the build `npm run build` wrote (npm test builds first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { listRuns, readRun } from '../../../src/core/results/store';
import { shapeComparison } from '../../../src/core/results/view/compare';

const REPO = path.resolve(__dirname, '../../..');
const DIST = path.join(REPO, 'dist');
const run = promisify(execFile);
const root = mkdtempSync(path.join(os.tmpdir(), 'faaslab-lazy-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
  outputs: Record<string, { inputs: Record<string, unknown>; imports: Array<{ path: string; external?: boolean }> }>;
}
function metafile(): Metafile {
  const file = path.join(DIST, 'metafile.json');
  assert.ok(existsSync(file), `${file} is missing: run 'npm run build' first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}
function srcOf(output: string): string[] {
  const meta = metafile();
  assert.ok(meta.outputs[output], `${output} was not built`);
  return Object.keys(meta.outputs[output].inputs).filter((f) => f.startsWith('src/'));
}

/** How extension.ts comes to include `file` in extension.js: the first import chain found. */
function chainTo(meta: Metafile, file: string): string {
  const inBundle = new Set(Object.keys(meta.outputs['dist/extension.js'].inputs));
  const from = new Map<string, string>();
  const queue = ['src/extension/extension.ts'];
  for (let i = 0; i < queue.length && !from.has(file); i++) {
    for (const { path: next } of meta.inputs[queue[i]]?.imports ?? []) {
      if (!inBundle.has(next) || from.has(next) || next === queue[0]) continue;
      from.set(next, queue[i]);
      queue.push(next);
    }
  }
  const chain = [file];
  while (from.has(chain[0])) chain.unshift(from.get(chain[0])!);
  return chain.join(' > ');
}

// What activation runs: registering each feature, and the annotation parse behind the CodeLens and
// diagnostics of the handler files (and notebooks) that activate the extension. Anything else
// belongs to dist/lazy/features.js.
const ACTIVATION = [
  /^src\/extension\/(extension|bundles|codelens|diagnostics|functions|context|ui|view-types)\.ts$/,
  /^src\/extension\/notebooks\//,
  /^src\/extension\/(tree|results|experiment-editor)\/register\.ts$/,
  /^src\/extension\/commands\/(register|host|ids)\.ts$/,
  /^src\/extension\/experiments\/(codelens|diagnostics|files|interrupted-context|run-keys)\.ts$/,
  /^src\/core\/(annotations|text)\//,
  /^src\/core\/(model|bad-input)\.ts$/,
  /^src\/providers\/(runs-dir|shared\/require-bundle)\.ts$/,
];

test('extension.js holds only what activation runs, and requires no Node built-in it does not need', () => {
  const meta = metafile();
  const lazy = Object.keys(meta.outputs['dist/extension.js'].inputs).filter((f) => !ACTIVATION.some((re) => re.test(f)));
  assert.deepEqual(lazy.map((f) => chainTo(meta, f)), [], 'modules activation does not run are in extension.js (move them behind features() in src/extension/bundles.ts)');
  const external = [...new Set(meta.outputs['dist/extension.js'].imports.filter((i) => i.external).map((i) => i.path))].sort();
  assert.deepEqual(external, ['node:fs', 'node:path', 'vscode']);
});

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
  const { stdout } = await run(process.execPath, [path.join(REPO, 'test/fixtures/bundle/activate-built.cjs'), DIST, root, 'compare', path.join(a, 'run.json'), path.join(b, 'run.json')], { maxBuffer: 1 << 26 });
  const out = JSON.parse(stdout) as { afterActivation: string[]; afterComparison: string[]; commands: string[]; comparison?: { view: unknown } };
  assert.deepEqual(out.afterActivation, ['extension.js']);
  // Every command package.json contributes is registered at activation, its body loaded or not.
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
  assert.deepEqual(out.commands, manifest.contributes.commands.map((c) => c.command).sort());
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

test('from the built extension, the Functions view lists every platform and an experiment runs on local, from features.js and the platform bundles', async () => {
  const workspace = mkdtempSync(path.join(root, 'workspace-'));
  copyFileSync(path.join(REPO, 'examples/hello.js'), path.join(workspace, 'hello.js'));
  const experiment = path.join(workspace, 'hello.experiment.json');
  writeFileSync(experiment, JSON.stringify({ experimentName: 'bundled', function: 'hello', source: 'hello.js', platform: 'local', payloads: [{ name: 'lazy' }], memorySettings: [128], runs: 3, threads: 1, iterations: 1 }));
  // No cloud credentials, no Docker engine; local inside this process.
  const env = { PATH: process.env.PATH ?? '', HOME: root, DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`, FAASLAB_LOCAL_HOST: 'off' };
  const { stdout } = await run(process.execPath, [path.join(REPO, 'test/fixtures/bundle/activate-built.cjs'), DIST, root, 'experiment', workspace, experiment], { env, cwd: workspace, maxBuffer: 1 << 26 });
  const out = JSON.parse(stdout) as { afterActivation: string[]; afterListing: string[]; afterExperiment: string[]; platforms: Array<{ id: string; ready: boolean; message: string }>; output: string[] };
  assert.deepEqual(out.afterActivation, ['extension.js']);
  const platformBundles = ['aws', 'azure', 'docker', 'gcp', 'local', 'openfaas'].map((id) => `providers/${id}.js`);
  // Docker, AWS and OpenFaaS load dockerode to ask for the engine.
  assert.deepEqual(out.afterListing, ['extension.js', 'lazy/features.js', ...platformBundles, 'providers/dockerode.js'].sort());
  assert.deepEqual(out.platforms.map((p) => p.id), ['local', 'docker', 'aws', 'gcp', 'azure', 'openfaas', 'http']);
  assert.equal(out.platforms.find((p) => p.id === 'local')?.ready, true, JSON.stringify(out.platforms));
  assert.equal(out.platforms.find((p) => p.id === 'aws')?.ready, false);
  const [recorded] = await listRuns(path.join(workspace, '.faaslab/runs'));
  assert.equal(recorded?.status, 'completed', out.output.join('\n'));
  assert.equal(recorded.counts.recorded, 3);
  assert.equal(recorded.counts.errors, 0, out.output.join('\n'));
});
