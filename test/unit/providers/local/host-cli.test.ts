// The built CLI (dist/cli.js, as `npm run build` makes it) through the local host: two `faas-lab
// invoke` processes in a row are cold then warm on one instance, `faas-lab serve` refuses to start a
// second host, and faasLab.local.host picks the host or the in-process platform.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { createProviders } from '../../../../src/providers';
import { LazyProvider } from '../../../../src/providers/lazy';
import { hostFiles, processAlive, readDiscovery } from '../../../../src/providers/local/host-discovery';
import { LocalProvider } from '../../../../src/providers/local';
import { RemoteLocalProvider } from '../../../../src/providers/local/remote';
import { platformSettingsFrom } from '../../../../src/providers/settings';

const repo = path.resolve(__dirname, '../../../..');
const cliJs = path.join(repo, 'dist/cli.js');
const root = mkdtempSync(path.join(tmpdir(), 'faaslab-host-cli-'));
cpSync(path.join(repo, 'examples'), path.join(root, 'examples'), { recursive: true });

after(() => {
  const found = readDiscovery(hostFiles(root).discovery);
  if (found && processAlive(found.pid)) process.kill(found.pid, 'SIGTERM');
  rmSync(root, { recursive: true, force: true });
});

async function faasLab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  assert.ok(existsSync(cliJs), `${cliJs} is missing: run npm run build first`);
  const env = { ...process.env };
  delete env.FAASLAB_LOCAL_HOST;
  try {
    const r = await promisify(execFile)(process.execPath, [cliJs, ...args, '--root', root], { env, encoding: 'utf8', timeout: 60_000 });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('two faas-lab invoke processes in a row: the first cold, the second warm on the same instance', { timeout: 120_000 }, async () => {
  const first = await faasLab('invoke', path.join(root, 'examples/hello.js'), '--payload', '{"name":"Ada"}', '--json');
  assert.equal(first.code, 0, first.stderr);
  const second = await faasLab('invoke', 'hello', '--payload', '{"name":"Grace"}', '--json');
  assert.equal(second.code, 0, second.stderr);
  const [a, b] = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
  assert.equal(a.cold, true);
  assert.equal(b.cold, false);
  assert.equal(b.metrics.uuid, a.metrics.uuid);
  assert.match(JSON.stringify(b.result), /Grace/);
  // Both CLI processes have exited; the host they share still runs, from the built bundle.
  const host = readDiscovery(hostFiles(root).discovery);
  assert.ok(host && processAlive(host.pid));
  const listed = JSON.parse((await faasLab('list', '--platform', 'local', '--json')).stdout);
  assert.deepEqual(listed.local.functions.map((d: { name: string }) => d.name), ['hello']);
});

test('faas-lab serve refuses to start a second host for a workspace that has one', { timeout: 60_000 }, async () => {
  await new RemoteLocalProvider({ root, idleSeconds: 60 }).discovery();
  const r = await faasLab('serve');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /A local host already runs for this workspace \(pid \d+/);
});

/** The provider the registry's local entry loads on first use (its code is a bundle of its own). */
function localOf(registry: ReturnType<typeof createProviders>) {
  const local = registry.get('local');
  assert.ok(local instanceof LazyProvider);
  return local.resolve();
}

test('faasLab.local.host: auto (the default) uses the host, off the in-process platform, anything else is refused', async (t) => {
  const saved = process.env.FAASLAB_LOCAL_HOST;
  t.after(() => (saved === undefined ? delete process.env.FAASLAB_LOCAL_HOST : (process.env.FAASLAB_LOCAL_HOST = saved)));
  delete process.env.FAASLAB_LOCAL_HOST;
  const settings = (values: Record<string, unknown>) => platformSettingsFrom(root, <T>(key: string, fallback: T) => (values[key] as T) ?? fallback);
  assert.ok(localOf(createProviders(settings({}))) instanceof RemoteLocalProvider);
  assert.ok(localOf(createProviders(settings({ 'local.host': 'off' }))) instanceof LocalProvider);
  // Programs composing the registry themselves (tests, the bench) keep the in-process platform.
  assert.ok(localOf(createProviders({ root })) instanceof LocalProvider);
  assert.throws(() => settings({ 'local.host': 'remote' }), /faasLab\.local\.host is 'remote': use 'auto' .* or 'off'/);
  process.env.FAASLAB_LOCAL_HOST = 'off';
  assert.ok(localOf(createProviders(settings({}))) instanceof LocalProvider);
  mkdirSync(path.join(root, '.vscode'), { recursive: true });
  writeFileSync(path.join(root, '.vscode', 'settings.json'), '{ "faasLab.local.host": "sometimes" }');
  delete process.env.FAASLAB_LOCAL_HOST;
  const r = await faasLab('list');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /faasLab\.local\.host is 'sometimes'/);
  rmSync(path.join(root, '.vscode'), { recursive: true });
});
