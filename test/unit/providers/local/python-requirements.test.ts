// Python requirements on the local platform, installed with the machine's real pip from a folder of
// wheels the test builds (PIP_FIND_LINKS, PIP_NO_INDEX: the settings a private index would use).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { UserError, type Deployment, type FunctionSpec } from '../../../../src/core/model';
import { buildArtifact } from '../../../../src/core/packaging';
import type { LocalProvider } from '../../../../src/providers/local';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';
import { pipOffline, writeWheel } from '../../../fixtures/aws/wheel';
import { harness } from './harness';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-local-reqs-'));
const wheels = path.join(work, 'wheels');
const handlerFile = path.join(work, 'uses_dep.py');
let restoreEnv = (): void => undefined;

before(async () => {
  mkdirSync(wheels);
  await writeWheel(wheels, 'faaslab-tinydep', '1.0', 'def answer():\n    return 42\n');
  writeFileSync(handlerFile, 'import faaslab_tinydep\n\n\ndef handle(request, context):\n    return {"answer": faaslab_tinydep.answer(), "from": faaslab_tinydep.__file__}\n');
  restoreEnv = pipOffline(wheels);
});

after(() => {
  restoreEnv();
  rmSync(work, { recursive: true, force: true });
});

function spec(name: string, requirements: string[]): FunctionSpec {
  return { ...fixtureSpec('hello.py', 'handle', { name, requirements }), file: handlerFile };
}

/** Packages and deploys the handler that imports the wheel, with `requirements`. */
async function deployWith(provider: LocalProvider, name: string, requirements: string[]): Promise<Deployment> {
  const s = spec(name, requirements);
  return provider.deploy(s, await buildArtifact(s, { target: 'local', runtimeDir: RUNTIME_DIR }));
}

test('a requirement is installed once into the cache and imported by every function with the same set', async (t) => {
  const { provider, stateDir } = harness(t);
  const cacheRoot = path.join(stateDir, 'python-deps');
  const d1 = await deployWith(provider, 'dep-one', ['faaslab-tinydep==1.0']);

  const folders = readdirSync(cacheRoot);
  assert.equal(folders.length, 1, folders.join(', '));
  assert.match(folders[0], /^[0-9a-f]{64}$/, 'named by the hash of the set and the Python version; no partial folder left');
  const cache = path.join(cacheRoot, folders[0]);
  const before = statSync(cache);

  const call = await provider.invoke(d1, {});
  assert.equal(call.status, 'ok', call.error?.message);
  const result = call.result as { answer: number; from: string };
  assert.equal(result.answer, 42);
  assert.ok(result.from.startsWith(cache + path.sep), `imported from the cache: ${result.from}`);

  // The same set in another order and spacing: the same folder, not installed again.
  const d2 = await deployWith(provider, 'dep-two', [' faaslab-tinydep==1.0', 'faaslab-tinydep==1.0']);
  assert.deepEqual(readdirSync(cacheRoot), folders);
  const afterwards = statSync(cache);
  assert.equal(afterwards.ino, before.ino, 'the same folder, not a new one renamed into place');
  assert.equal(afterwards.mtimeMs, before.mtimeMs, 'nothing written into it');
  const call2 = await provider.invoke(d2, {});
  assert.equal(call2.status, 'ok', call2.error?.message);
  assert.equal((call2.result as { answer: number }).answer, 42);
});

test('concurrent deploys of one set install it once', async (t) => {
  const { provider, stateDir } = harness(t);
  const deployed = await Promise.all(['dep-a', 'dep-b', 'dep-c'].map((name) => deployWith(provider, name, ['faaslab-tinydep'])));
  assert.equal(readdirSync(path.join(stateDir, 'python-deps')).length, 1);
  for (const d of deployed) assert.equal((await provider.invoke(d, {})).status, 'ok');
});

test('a requirement pip cannot find: a UserError with pip’s lines and what to do, nothing deployed or cached', async (t) => {
  const { provider, stateDir } = harness(t);
  await assert.rejects(deployWith(provider, 'dep-missing', ['faaslab-not-there==9.9']), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.match(err.message, /^Installing dep-missing's requirements \(faaslab-not-there==9\.9\) for the local platform \(Python \d+\.\d+\.\d+\) failed: pip exited with 1\./);
    assert.match(err.message, /No matching distribution found for faaslab-not-there==9\.9/);
    assert.match(err.message, /PIP_INDEX_URL or pip\.conf/);
    assert.match(err.message, /PIP_FIND_LINKS/);
    return true;
  });
  assert.deepEqual(readdirSync(path.join(stateDir, 'python-deps')), [], 'no half-installed folder kept');
  assert.equal(await provider.get('dep-missing'), undefined);
});
