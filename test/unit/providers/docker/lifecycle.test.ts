import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DockerProvider } from '../../../../src/providers/docker';
import { harness } from './harness';

for (const [lang, file] of [
  ['Node', 'hello.js'],
  ['Python', 'hello.py'],
] as const) {
  test(`${lang}: deploy builds a labelled image; the first call is cold, the next warm on the same container`, async (t) => {
    const h = await harness(t);
    if (!h) return;
    const d = await h.deploy(file, 'hello');
    assert.equal(d.platform, 'docker');
    assert.match(d.endpoint!, /^faaslab-fn\/t\d+-[a-z0-9]+-hello:[0-9a-f]{16}$/);
    const [image] = await h.images(d.name);
    assert.equal(image.Labels['faaslab.codeHash'], d.codeHash);
    assert.deepEqual(image.RepoTags, [d.endpoint]);

    const cold = await h.provider.invoke(d, { name: 'Ada' });
    assert.equal(cold.status, 'ok', JSON.stringify(cold.error));
    assert.equal((cold.result as { message: string }).message, 'Hello, Ada!');
    assert.equal((cold.result as { function: string }).function, d.name);
    assert.equal(cold.cold, true);
    assert.equal(cold.metrics.newcontainer, 1);
    assert.ok(cold.metrics.initDurationMs! > 0 && cold.metrics.initDurationMs! < cold.roundTripMs, `init ${cold.metrics.initDurationMs} ms within ${cold.roundTripMs} ms`);
    assert.equal(cold.metrics.functionMemory, 512);

    const warm = await h.provider.invoke(d, { name: 'Bob' });
    assert.equal(warm.status, 'ok');
    assert.equal(warm.cold, false);
    assert.equal(warm.metrics.newcontainer, 0);
    assert.equal(warm.metrics.uuid, cold.metrics.uuid, 'the same container served it');
    assert.equal(warm.metrics.initDurationMs, undefined, 'only cold starts have an init duration');
    const starts = (await h.provider.logs(d, { limit: 50 })).filter((e) => e.stream === 'platform' && /started, healthy in/.test(e.message));
    assert.equal(starts.length, 1, 'the warm call started no container');

    const instances = await h.containers(d.name, 'instance');
    assert.equal(instances.length, 1);
    assert.equal(instances[0].State, 'running');
  });
}

test('the container gets the memory size as its limit (no swap) and a CPU share tied to it', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const d = await h.deploy('hello.py', 'hello', { memoryMB: 256 });
  const first = await h.provider.invoke(d, {});
  assert.equal(first.status, 'ok');
  const [info] = await h.containers(d.name, 'instance');
  const inspected = await h.docker.getContainer(info.Id).inspect();
  assert.equal(inspected.HostConfig.Memory, 256 * 1024 * 1024);
  assert.equal(inspected.HostConfig.MemorySwap, 256 * 1024 * 1024);
  assert.equal(inspected.HostConfig.NanoCpus, Math.round((256 / 1769) * 1e9), 'Lambda: 1,769 MB is one vCPU');
  assert.equal(inspected.HostConfig.NetworkMode, 'host');
  if (first.metrics.maxMemoryUsedMB !== undefined) assert.ok(first.metrics.maxMemoryUsedMB > 1 && first.metrics.maxMemoryUsedMB < 256);

  // A new memory size means new containers, as on Lambda.
  const bigger = await h.provider.configure(d, { memoryMB: 1024 });
  assert.equal(bigger.memoryMB, 1024);
  assert.equal((await h.provider.get(d.name))?.memoryMB, 1024, 'the engine holds the new configuration');
  const after = await h.provider.invoke(bigger, {});
  assert.equal(after.cold, true);
  assert.notEqual(after.metrics.uuid, first.metrics.uuid);
  const [newer] = await h.containers(d.name, 'instance');
  assert.equal((await h.docker.getContainer(newer.Id).inspect()).HostConfig.Memory, 1024 * 1024 * 1024);
});

test('list and get ask the engine; redeploying unchanged code changes nothing; remove deletes containers and image', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const node = await h.deploy('hello.js', 'hello');
  const python = await h.deploy('hello.py', 'hello', { name: h.unique('hello-py') });
  const names = (await h.provider.list()).map((d) => d.name);
  assert.ok(names.includes(node.name) && names.includes(python.name), names.join(', '));
  const listed = (await h.provider.list()).find((d) => d.name === node.name)!;
  assert.deepEqual({ ...listed }, { ...node });
  assert.equal(await h.provider.get('no-such-function'), undefined);

  const again = await h.deploy('hello.js', 'hello');
  assert.equal(again.updatedAt, node.updatedAt, 'nothing to redeploy');
  assert.equal((await h.images(node.name)).length, 1);

  // Another provider (another FaaS Lab window) sees the same functions and can call them: nothing is cached.
  const otherState = mkdtempSync(path.join(tmpdir(), 'faaslab-docker-test-'));
  const other = new DockerProvider({ dockerHost: h.provider.engineAddress, stateDir: otherState });
  t.after(async () => {
    await other.dispose();
    rmSync(otherState, { recursive: true, force: true });
  });
  assert.deepEqual(await other.get(node.name), listed);
  assert.equal((await other.invoke(node, {})).status, 'ok');
  await other.dispose();
  await h.provider.remove(node);
  assert.deepEqual(await h.containers(node.name), []);
  assert.deepEqual(await h.images(node.name, true), []);
  assert.equal(await h.provider.get(node.name), undefined);
  assert.ok(!(await h.provider.list()).some((d) => d.name === node.name));
  await assert.rejects(h.provider.invoke(node, {}), /No Docker function .* deploy it first/);
});

test('the function logs: what the handler printed, per call and in logs()', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const d = await h.deploy('sleeper.js', 'sleeper');
  const inv = await h.provider.invoke(d, { ms: 10 });
  assert.equal(inv.status, 'ok');
  assert.match(inv.logs ?? '', /sleeping 10 ms/);
  const entries = await h.provider.logs(d, { limit: 20 });
  assert.ok(entries.some((e) => e.stream === 'stdout' && e.message === 'sleeping 10 ms'), JSON.stringify(entries));
  assert.ok(entries.some((e) => e.stream === 'platform' && /started, healthy in \d+ ms/.test(e.message)));
});

test('containers left by a FaaS Lab process that died are removed when a provider first uses the engine', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const name = h.unique('orphan');
  // What a killed process leaves: a running instance container whose owner pid no longer exists.
  const orphan = await h.docker.createContainer({
    Image: 'busybox:latest',
    Cmd: ['sleep', '600'],
    Labels: { 'faaslab.managed': 'true', 'faaslab.role': 'instance', 'faaslab.function': name, 'faaslab.owner': `${hostname()}:${2 ** 22 + 1}` },
    HostConfig: { NetworkMode: 'none' },
  });
  await orphan.start();
  const mine = await h.docker.createContainer({
    Image: 'busybox:latest',
    Cmd: ['sleep', '600'],
    Labels: { 'faaslab.managed': 'true', 'faaslab.role': 'instance', 'faaslab.function': name, 'faaslab.owner': `${hostname()}:${process.pid}` },
    HostConfig: { NetworkMode: 'none' },
  });
  t.after(() => mine.remove({ force: true }).catch(() => undefined));
  await h.provider.list();
  const left = (await h.containers(name)).map((c) => c.Id);
  assert.deepEqual(left, [mine.id], 'only the dead owner’s container is removed');
  await mine.remove({ force: true });
});
