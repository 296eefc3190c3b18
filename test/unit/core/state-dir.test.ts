// Whichever writer creates .faaslab/ first (a run, a link, the local host, a local deploy, Python
// dependencies), the folder is owner-only and has its .gitignore; the files that may hold values are 0600.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseExperiment } from '../../../src/core/experiment/parse';
import { createRun } from '../../../src/core/results/store';
import { makeStateDir, makeStateSubdir } from '../../../src/core/state-dir';
import { LocalProvider } from '../../../src/providers/local';
import { hostFiles } from '../../../src/providers/local/host-discovery';
import { LocalHost } from '../../../src/providers/local/host-server';
import { runsDirOf } from '../../../src/providers';
import { LinkStore, linksFileOf } from '../../../src/providers/shared/links';
import { fixtureArtifact, fixtureSpec } from '../../fixtures/handlers/artifacts';

const posix = process.platform !== 'win32';
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

function workspace(t: TestContext): string {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-state-dir-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

function assertStateDir(root: string): void {
  const dir = path.join(root, '.faaslab');
  assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^\*$/m, 'the .gitignore ignores everything');
  if (posix) assert.equal(mode(dir), '700');
}

const writers: Record<string, (root: string, t: TestContext) => Promise<string[]>> = {
  'a run': async (root) => {
    const parsed = parseExperiment('/x/first.experiment.json', '{"function": "hello", "runs": 1}');
    assert.ok(parsed.spec);
    const run = await createRun({ runsDir: runsDirOf(root), spec: parsed.spec, planned: 1 });
    await run.close();
    return [path.join(run.runDir, 'run.json'), path.join(run.runDir, 'invocations.jsonl')];
  },
  'a link': async (root) => {
    await new LinkStore(linksFileOf(root)).save({ name: 'orders', platform: 'http', url: 'http://127.0.0.1:9/orders', request: { headers: { Authorization: 'Bearer s3cret' } }, linkedAt: new Date().toISOString() });
    return [linksFileOf(root)];
  },
  'the local host': async (root, t) => {
    const provider = new LocalProvider({ stateDir: hostFiles(root).dir });
    const host = new LocalHost({ root, provider, idleMs: 60_000, log: () => {} });
    t.after(() => provider.dispose());
    await host.start();
    t.after(() => host.stop('test over'));
    return [hostFiles(root).discovery];
  },
  'a local deploy': async (root, t) => {
    const provider = new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local') });
    t.after(() => provider.dispose());
    const spec = fixtureSpec('hello.js', 'hello', { env: { API_TOKEN: 'value' } });
    const d = await provider.deploy(spec, await fixtureArtifact(spec));
    await provider.invoke(d, {});
    // The function log is written behind the calls; shutting down flushes it.
    await provider.dispose();
    const fnDir = path.join(root, '.faaslab', 'local', 'functions', d.name);
    return [path.join(fnDir, 'deployment.json'), path.join(fnDir, 'logs.jsonl')];
  },
};

for (const [writer, write] of Object.entries(writers)) {
  test(`${writer} made first: .faaslab/ is 0700 with its .gitignore, value files 0600`, async (t) => {
    const root = workspace(t);
    const files = await write(root, t);
    assertStateDir(root);
    for (const file of files) {
      assert.ok(existsSync(file), file);
      if (posix) assert.equal(mode(file), '600', file);
    }
  });
}

test('makeStateDir keeps a .gitignore the user wrote; makeStateSubdir makes .faaslab/ only when the folder is inside one', (t) => {
  const root = workspace(t);
  makeStateDir(root);
  writeFileSync(path.join(root, '.faaslab', '.gitignore'), 'mine\n');
  makeStateSubdir(path.join(root, '.faaslab', 'local', 'functions'));
  assert.equal(readFileSync(path.join(root, '.faaslab', '.gitignore'), 'utf8'), 'mine\n');
  if (posix) assert.equal(mode(path.join(root, '.faaslab', 'local', 'functions')), '700');
  const elsewhere = path.join(root, 'state', 'local');
  makeStateSubdir(elsewhere);
  assert.ok(existsSync(elsewhere));
  assert.ok(!existsSync(path.join(root, 'state', '.gitignore')));
});
