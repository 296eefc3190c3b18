// Deploying a Node handler needs esbuild: the native binary where it fits this machine, else
// esbuild-wasm. The fallback is forced for real by pointing the native package at a binary that
// cannot start (ESBUILD_BINARY_PATH), in a child process so this process's own esbuild is untouched.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import * as esbuild from 'esbuild';
import { UserError } from '../../../../src/core/model';
import { chooseEsbuild, loadEsbuild } from '../../../../src/core/packaging/esbuild';

const repo = path.resolve(__dirname, '../../../..');
const work = mkdtempSync(path.join(tmpdir(), 'faaslab-esbuild-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('where the native binary fits this machine, it is the one that bundles (deploys stay fast)', async () => {
  const loaded = await loadEsbuild();
  assert.equal(loaded.kind, 'native');
  assert.equal(loaded.api.version, esbuild.version);
});

test('when the native esbuild cannot be loaded, esbuild-wasm of the same version is used and says why', async () => {
  const missing = new Error('The package "@esbuild/darwin-arm64" could not be found, and is needed by esbuild.\n\nIf you are installing esbuild with npm...');
  const loaded = await chooseEsbuild({ native: () => Promise.reject(missing), wasm: () => import('esbuild-wasm') });
  assert.equal(loaded.kind, 'wasm');
  assert.equal(loaded.nativeError, 'The package "@esbuild/darwin-arm64" could not be found, and is needed by esbuild.');
  assert.equal(loaded.api.version, esbuild.version);
});

test('when neither esbuild can be loaded, the error names both causes and what to do', async () => {
  const loaders = {
    native: () => Promise.reject(new Error('spawn /x/esbuild EACCES')),
    wasm: () => Promise.reject(new Error("Cannot find module 'esbuild-wasm'\nRequire stack: ...")),
  };
  await assert.rejects(chooseEsbuild(loaders), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.equal(
      err.message,
      "Node handlers cannot be bundled: esbuild did not start (spawn /x/esbuild EACCES) and esbuild-wasm could not be loaded (Cannot find module 'esbuild-wasm'). Reinstall FaaS Lab, or run npm ci in its folder.",
    );
    return true;
  });
});

test('with a native binary that cannot start, a real Node handler is bundled by esbuild-wasm and runs', async () => {
  const dir = path.join(work, 'with-dep');
  cpSync(path.join(repo, 'test/fixtures/packaging/with-dep'), dir, { recursive: true });
  const script = path.join(work, 'package-handler.js');
  const bundle = path.join(work, 'bundle.js');
  await esbuild.build({
    stdin: {
      resolveDir: repo,
      sourcefile: 'package-handler.ts',
      loader: 'ts',
      contents: `
        import { writeFileSync } from 'node:fs';
        import { resolveFunctionRef } from './src/core/functions/find';
        import { buildArtifact } from './src/core/packaging';
        import { loadEsbuild } from './src/core/packaging/esbuild';
        (async () => {
          const spec = await resolveFunctionRef(${JSON.stringify(path.join(dir, 'handler.ts'))});
          const artifact = await buildArtifact(spec, { target: 'aws', runtimeDir: ${JSON.stringify(path.join(repo, 'src/core/runtime'))} });
          writeFileSync(${JSON.stringify(bundle)}, artifact.files.find((f) => f.path === 'index.js')!.data);
          const { kind, nativeError } = await loadEsbuild();
          console.log(JSON.stringify({ kind, nativeError }));
        })().catch((err) => { console.error(err); process.exit(1); });`,
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: script,
    external: ['esbuild', 'esbuild-wasm'],
    logLevel: 'silent',
  });
  const notABinary = path.join(work, 'not-a-binary');
  writeFileSync(notABinary, 'plain text, not an executable', { mode: 0o644 });
  const env = { ...process.env, ESBUILD_BINARY_PATH: notABinary, NODE_PATH: path.join(repo, 'node_modules') };
  const report = JSON.parse(execFileSync(process.execPath, [script], { cwd: work, env }).toString().trim().split('\n').pop()!);
  assert.equal(report.kind, 'wasm');
  assert.match(report.nativeError, /EACCES|spawn/, report.nativeError);

  const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(bundle)}).handler({text:'ab'}, {}).then(r => console.log(JSON.stringify(r)))`], { cwd: work }).toString();
  assert.equal(JSON.parse(out), '......ab');
  assert.match(readFileSync(bundle, 'utf8'), /lambdaHandler/);
});
