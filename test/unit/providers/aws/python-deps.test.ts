// Python requirements of a Lambda zip, installed with the machine's real pip from a folder of
// wheels (PIP_FIND_LINKS, PIP_NO_INDEX: the same settings a user's private index would use).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../../../../src/core/model';
import { installPythonRequirements, pipArguments } from '../../../../src/providers/aws/python-deps';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';
import { pipOffline, writeWheel } from '../../../fixtures/aws/wheel';

const wheels = mkdtempSync(path.join(tmpdir(), 'faaslab-wheels-'));
let restoreEnv = (): void => undefined;

before(async () => {
  await writeWheel(wheels, 'faaslab-tinydep', '1.0', 'def answer():\n    return 42\n');
  restoreEnv = pipOffline(wheels);
});

after(() => {
  restoreEnv();
  rmSync(wheels, { recursive: true, force: true });
});

test("pip's command line: Lambda's platform and Python version, wheels only, into the target", async () => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'deps-args', platforms: ['aws'] });
  const artifact = await awsArtifact(spec);
  assert.deepEqual(pipArguments(artifact, 'arm64', '/t', '/r.txt'), [
    '-m', 'pip', 'install', '--target', '/t', '--platform', 'manylinux2014_aarch64', '--implementation', 'cp',
    '--python-version', '3.12', '--only-binary=:all:', '--no-compile', '--disable-pip-version-check', '--no-input', '-r', '/r.txt',
  ]);
  assert.equal(pipArguments(artifact, 'x86_64', '/t', '/r.txt')[6], 'manylinux2014_x86_64');
});

test('the requirement is installed: its package files come back for the zip, beside the handler', async () => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'deps-ok', platforms: ['aws'], requirements: ['faaslab-tinydep==1.0'] });
  const artifact = { ...(await awsArtifact(spec)), requirements: spec.requirements };
  const files = await installPythonRequirements(artifact, 'x86_64');
  const paths = files.map((f) => f.path);
  assert.ok(paths.includes('faaslab_tinydep/__init__.py'), paths.join(', '));
  assert.ok(paths.includes('faaslab_tinydep-1.0.dist-info/METADATA'));
  assert.equal(Buffer.from(files.find((f) => f.path === 'faaslab_tinydep/__init__.py')!.data).toString(), 'def answer():\n    return 42\n');
  assert.ok(!paths.some((p) => p.includes('__pycache__')), 'no bytecode compiled for this machine’s Python');
  assert.deepEqual(await installPythonRequirements({ ...artifact, requirements: [] }, 'x86_64'), [], 'nothing to install');
});

test('a requirement pip cannot find: the message shows pip’s words and says what to do', async () => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'deps-missing', platforms: ['aws'], requirements: ['faaslab-not-there==9.9'] });
  const artifact = { ...(await awsArtifact(spec)), requirements: spec.requirements };
  await assert.rejects(installPythonRequirements(artifact, 'x86_64'), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.match(err.message, /^Installing deps-missing's requirements \(faaslab-not-there==9\.9\) for Lambda failed: pip exited with 1\./);
    assert.match(err.message, /No matching distribution found for faaslab-not-there==9\.9/);
    assert.match(err.message, /deploy with package=image\.$/);
    return true;
  });
  await assert.rejects(installPythonRequirements(artifact, 'x86_64', '/nonexistent/python3'), /pip could not start \(spawn \/nonexistent\/python3 ENOENT\)/);
});
