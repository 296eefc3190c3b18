// Starting the workspace's local host as its clients do: a detached `faas-lab serve` process, one per
// workspace however many callers start it at once, a stale discovery file replaced, an idle host
// stopping itself, and a SIGKILLed host losing no deployment and leaving no instance behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { hostFiles, processAlive, readDiscovery } from '../../../../src/providers/local/host-discovery';
import { RemoteLocalProvider } from '../../../../src/providers/local/remote';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';
import { eventually } from './harness';

const roots: string[] = [];
after(() => {
  for (const root of roots) {
    const found = readDiscovery(hostFiles(root).discovery);
    if (found && processAlive(found.pid)) process.kill(found.pid, 'SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});

function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-host-start-'));
  roots.push(root);
  return root;
}

/** Pids of the `serve --root <root>` processes running now. */
function hostProcesses(root: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return args.includes('serve') && args[args.indexOf('--root') + 1] === root;
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('three callers starting the host at once get one host', { timeout: 60_000 }, async () => {
  const root = workspace();
  const found = await Promise.all([0, 1, 2].map(() => new RemoteLocalProvider({ root, idleSeconds: 60 }).discovery()));
  assert.equal(new Set(found.map((d) => d.pid)).size, 1);
  assert.notEqual(found[0].pid, process.pid);
  assert.deepEqual(hostProcesses(root), [found[0].pid]);
  assert.equal(existsSync(hostFiles(root).lock), false, 'the starter lock is released');
  assert.match(readFileSync(hostFiles(root).log, 'utf8'), /listening on http:\/\/127\.0\.0\.1:/);
});

test('a discovery file left by a killed host is detected and replaced', { timeout: 60_000 }, async () => {
  const root = workspace();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(dead.stdout);
  mkdirSync(hostFiles(root).dir, { recursive: true });
  const stale = { pid: deadPid, port: 1, token: 'stale', startedAt: new Date().toISOString(), urls: { api: '', aws: '', openfaas: '' } };
  writeFileSync(hostFiles(root).discovery, JSON.stringify(stale), { mode: 0o600 });
  // A lock left by a starter that was killed while starting is broken too.
  writeFileSync(hostFiles(root).lock, String(deadPid));
  const fresh = await new RemoteLocalProvider({ root, idleSeconds: 60 }).discovery();
  assert.notEqual(fresh.pid, deadPid);
  assert.equal(processAlive(fresh.pid), true);
  assert.equal(readDiscovery(hostFiles(root).discovery)?.pid, fresh.pid);
});

test('a host stops itself after its idle time and withdraws its discovery file', { timeout: 60_000 }, async () => {
  const root = workspace();
  const d = await new RemoteLocalProvider({ root, idleSeconds: 1 }).discovery();
  assert.ok(await eventually(() => !processAlive(d.pid), 20_000), 'the idle host is still running');
  assert.equal(existsSync(hostFiles(root).discovery), false);
  assert.match(readFileSync(hostFiles(root).log, 'utf8'), /stopping: idle for 1 s/);
});

test('killing the host (SIGKILL) loses no deployment and leaves no instance running', { timeout: 90_000 }, async () => {
  const root = workspace();
  const client = new RemoteLocalProvider({ root, idleSeconds: 60 });
  const spec = fixtureSpec('hello.js', 'hello');
  const d = await client.deploy(spec, await fixtureArtifact(spec));
  const first = await client.invoke(d, {});
  assert.equal(first.status, 'ok');
  const instancePid = (await client.logs(d, { limit: 20 })).find((e) => /instance started/.test(e.message))?.pid;
  assert.ok(instancePid, 'the instance start is logged with its pid');
  const hostPid = (await client.discovery()).pid;
  process.kill(hostPid, 'SIGKILL');
  assert.ok(await eventually(() => !processAlive(hostPid), 10_000));
  assert.ok(await eventually(() => !processAlive(instancePid), 10_000), `instance ${instancePid} outlived its SIGKILLed host`);
  // The same client finds the host gone and starts another: the deployment is there, the call cold.
  assert.deepEqual((await client.list()).map((x) => x.name), ['hello']);
  const again = await client.invoke((await client.get('hello'))!, {});
  assert.equal(again.status, 'ok');
  assert.equal(again.cold, true);
  assert.notEqual((await client.discovery()).pid, hostPid);
});
