import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../../../src/core/model';
import { buildArtifact } from '../../../../src/core/packaging';
import { DockerProvider } from '../../../../src/providers/docker';
import { fixtureSpec, RUNTIME_DIR } from '../../../fixtures/handlers/artifacts';
import { harness } from './harness';

test('no engine at the address: not ready, saying where it looked and what to do (no Docker needed)', async () => {
  const provider = new DockerProvider({ socketPath: path.join(tmpdir(), 'faaslab-no-such-engine.sock') });
  const readiness = await provider.readiness();
  assert.equal(readiness.ready, false);
  assert.ok(!readiness.ready);
  assert.match(readiness.message, /^No Docker engine answered at unix:\/\/.*faaslab-no-such-engine\.sock .*start Docker, or set faasLab\.docker\.host/);
  assert.ok(readiness.fixes.some((f) => f.kind === 'setting' && f.setting === 'faasLab.docker.host'));
  await assert.rejects(provider.list(), (err: Error) => err instanceof UserError && /No Docker engine answered/.test(err.message));
  await provider.dispose();
});

test('DOCKER_HOST forms are understood: unix socket, tcp (no Docker needed)', async () => {
  assert.equal(new DockerProvider({ dockerHost: 'unix:///run/user/1000/docker.sock' }).engineAddress, 'unix:///run/user/1000/docker.sock');
  assert.equal(new DockerProvider({ dockerHost: 'tcp://127.0.0.1:2375' }).engineAddress, 'tcp://127.0.0.1:2375');
  assert.equal(new DockerProvider({ socketPath: '/x.sock', dockerHost: 'tcp://h:1' }).engineAddress, 'unix:///x.sock', 'an explicit socket wins');
});

test('a ready engine reports its version; a missing base image says how to make one, and deploy refuses', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const ready = await h.provider.readiness();
  assert.ok(ready.ready, JSON.stringify(ready));
  assert.match(ready.detail!, /^Docker .* at .*, \d+ CPUs$/);

  const missing = new DockerProvider({ dockerHost: h.provider.engineAddress, nodeImage: 'faaslab/no-such-node:0', pythonImage: 'faaslab/no-such-python:0' });
  const notReady = await missing.readiness();
  assert.ok(!notReady.ready);
  assert.match(notReady.message, /faaslab\/no-such-node:0 .* is not on the Docker engine .*docker pull node:20-slim.* faasLab\.docker\.nodeImage/);
  const spec = fixtureSpec('hello.js', 'hello', { name: h.unique('no-base') });
  await assert.rejects(missing.deploy(spec, await buildArtifact(spec, { target: 'docker', runtimeDir: RUNTIME_DIR })), /not on the Docker engine/);
  await missing.dispose();
});

test("a Dockerfile in includes_<name>/ sets up the function's environment (FaaSET container functions)", async (t) => {
  const h = await harness(t);
  if (!h) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-dockerfile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'includes_greet'));
  writeFileSync(path.join(dir, 'includes_greet', 'Dockerfile'), 'FROM faaslab/python:3\nRUN echo from-the-dockerfile > /etc/greeting\n');
  writeFileSync(path.join(dir, 'greet.py'), 'def greet(request, context):\n    return open("/etc/greeting").read().strip()\n');
  const d = await h.deploySpec({ ...fixtureSpec('hello.py', 'greet', { name: h.unique('greet'), memoryMB: 512 }), file: path.join(dir, 'greet.py') });
  const [image] = await h.images(d.name);
  assert.equal(image.Labels['faaslab.baseImage'], 'dockerfile:includes_greet/Dockerfile');
  const inv = await h.provider.invoke(d, {});
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.equal(inv.result, 'from-the-dockerfile');
});

test('a Dockerfile that does not build: the build error and what to do', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-dockerfile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'includes_bad'));
  writeFileSync(path.join(dir, 'includes_bad', 'Dockerfile'), 'FROM faaslab/python:3\nRUN exit 3\n');
  writeFileSync(path.join(dir, 'bad.py'), 'def bad(request, context):\n    return 1\n');
  const spec = { ...fixtureSpec('hello.py', 'bad', { name: h.unique('bad') }), file: path.join(dir, 'bad.py') };
  await assert.rejects(h.deploySpec(spec), (err: Error) => err instanceof UserError && /Building the image of .*bad \(includes_bad\/Dockerfile .*\) failed: .*returned a non-zero code: 3/.test(err.message));
  assert.equal(await h.provider.get(spec.name), undefined);
});
