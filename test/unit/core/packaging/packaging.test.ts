import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { resolveFunctionRef } from '../../../../src/core/functions/find';
import { buildArtifact, zipArtifact } from '../../../../src/core/packaging';

const fixtures = path.resolve(__dirname, '../../../fixtures/packaging');
const work = mkdtempSync(path.join(tmpdir(), 'faaslab-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

function copyFixture(name: string): string {
  const dest = path.join(work, `${name}-${Math.random().toString(36).slice(2)}`);
  cpSync(path.join(fixtures, name), dest, { recursive: true });
  return dest;
}

test('a Node handler is bundled with its npm dependency and the shim into one file', async () => {
  const dir = copyFixture('with-dep');
  const spec = await resolveFunctionRef(path.join(dir, 'handler.ts'));
  const artifact = await buildArtifact(spec, { target: 'aws' });
  assert.deepEqual(artifact.files.map((f) => f.path).sort(), ['data.txt', 'index.js']);
  assert.equal(artifact.entry, 'index.js');
  assert.equal(artifact.runtime, 'nodejs20.x');
  // The Lambda build exports a handler that needs nothing but Node itself: run it.
  writeFileSync(path.join(dir, 'bundle.js'), artifact.files.find((f) => f.path === 'index.js')!.data);
  const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(dir, 'bundle.js'))}).handler({text:'ab'}, {}).then(r => console.log(JSON.stringify(r)))`], { cwd: work }).toString();
  assert.equal(JSON.parse(out), '......ab');
});

test('the content hash is stable across builds and sensitive to code changes', async () => {
  const dir = copyFixture('with-dep');
  const file = path.join(dir, 'handler.ts');
  const first = await buildArtifact(await resolveFunctionRef(file), { target: 'local' });
  const again = await buildArtifact(await resolveFunctionRef(file), { target: 'local' });
  assert.equal(first.codeHash, again.codeHash);
  assert.match(first.codeHash, /^[0-9a-f]{64}$/);

  writeFileSync(file, readFileSync(file, 'utf8').replace("'x'", "'y'"));
  const edited = await buildArtifact(await resolveFunctionRef(file), { target: 'local' });
  assert.notEqual(edited.codeHash, first.codeHash);

  // A change inside a dependency changes what runs, so it changes the hash too.
  const dep = path.join(dir, 'node_modules/leftpad-lite/index.js');
  writeFileSync(dep, readFileSync(dep, 'utf8').replace("'.'", "'-'"));
  const depEdited = await buildArtifact(await resolveFunctionRef(file), { target: 'local' });
  assert.notEqual(depEdited.codeHash, edited.codeHash);

  // So does an included data file; a comment-free whitespace-only edit elsewhere does not matter here.
  writeFileSync(path.join(dir, 'data.txt'), 'other data');
  const dataEdited = await buildArtifact(await resolveFunctionRef(file), { target: 'local' });
  assert.notEqual(dataEdited.codeHash, depEdited.codeHash);
});

test('local and Lambda builds of the same code differ (different entry), each stable', async () => {
  const dir = copyFixture('with-dep');
  const spec = await resolveFunctionRef(path.join(dir, 'handler.ts'));
  const local = await buildArtifact(spec, { target: 'local' });
  const aws = await buildArtifact(spec, { target: 'aws' });
  assert.notEqual(local.codeHash, aws.codeHash);
  assert.match(Buffer.from(local.files[0].data).toString(), /serveLocal/);
});

test('a Python handler ships with the shim, includes_<name>/ and requirements.txt', async () => {
  const dir = path.join(work, 'py');
  cpSync(fixtures, dir, { recursive: true });
  const spec = await resolveFunctionRef(path.join(dir, 'greet.py'));
  const artifact = await buildArtifact(spec, { target: 'local' });
  assert.deepEqual(artifact.files.map((f) => f.path).sort(), ['faaslab_runtime.py', 'greet.py', 'includes_greet/config.json', 'requirements.txt']);
  assert.equal(artifact.handler, 'greet.greet');
  assert.equal(artifact.entry, 'faaslab_runtime.py');
  assert.equal(Buffer.from(artifact.files.find((f) => f.path === 'requirements.txt')!.data).toString(), 'requests==2.32.3\n');
  const before = artifact.codeHash;
  writeFileSync(path.join(dir, 'includes_greet/config.json'), '{"k": 2}');
  assert.notEqual((await buildArtifact(spec, { target: 'local' })).codeHash, before);
});

test("an artifact names the workspace files it was made from: handler, imported modules, the package's files, includes; not the shim", async () => {
  const dir = copyFixture('with-dep');
  writeFileSync(path.join(dir, 'util.ts'), 'export const width = 8;\n');
  const file = path.join(dir, 'handler.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("import { pad } from 'leftpad-lite';", "import { pad } from 'leftpad-lite';\nimport { width } from './util';").replace('pad(request.text ?? \'x\', 8)', "pad(request.text ?? 'x', width)"));
  const artifact = await buildArtifact(await resolveFunctionRef(file), { target: 'local' });
  assert.deepEqual(artifact.sources, [path.join(dir, 'data.txt'), file, path.join(dir, 'node_modules/leftpad-lite/index.js'), path.join(dir, 'util.ts')]);

  const py = path.join(work, `py-sources-${Math.random().toString(36).slice(2)}`);
  cpSync(fixtures, py, { recursive: true });
  const python = await buildArtifact(await resolveFunctionRef(path.join(py, 'greet.py')), { target: 'local' });
  // Generated files (the shim, requirements.txt) are named where they would be: no file there, nothing to watch change.
  assert.deepEqual(python.sources, ['faaslab_runtime.py', 'greet.py', 'includes_greet/config.json', 'requirements.txt'].map((p) => path.join(py, p)));
});

test('zips are byte-identical for identical content and unzip to the artifact files', async () => {
  const dir = copyFixture('with-dep');
  const spec = await resolveFunctionRef(path.join(dir, 'handler.ts'));
  const artifact = await buildArtifact(spec, { target: 'aws' });
  const a = await zipArtifact(artifact);
  const b = await zipArtifact(await buildArtifact(spec, { target: 'aws' }));
  assert.ok(a.equals(b));
  const zipPath = path.join(dir, 'a.zip');
  writeFileSync(zipPath, a);
  const listing = execFileSync('python3', ['-c', `import zipfile,sys; print("\\n".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))`, zipPath]).toString().trim().split('\n');
  assert.deepEqual(listing, ['data.txt', 'index.js']);
});

test('a handler that imports a missing package fails with a message that says what to do', async () => {
  const dir = copyFixture('with-dep');
  rmSync(path.join(dir, 'node_modules'), { recursive: true });
  const spec = await resolveFunctionRef(path.join(dir, 'handler.ts'));
  await assert.rejects(buildArtifact(spec, { target: 'local' }), /Could not resolve "leftpad-lite".*npm install/);
});
