// A notebook's function packaged alone (FaaSET's rule: nothing outside the function ships), then
// deployed and called on the real local platform.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseNotebook } from '../../../../src/core/annotations/notebook';
import { buildArtifact } from '../../../../src/core/packaging';
import { notebookModuleName } from '../../../../src/core/packaging/notebook';
import { RUNTIME_DIR } from '../../../fixtures/handlers/artifacts';
import { harness } from '../../providers/local/harness';

const NOTEBOOK = path.resolve(__dirname, '../../../fixtures/notebooks/workspace.ipynb');

function notebookSpec(handler: string) {
  const spec = parseNotebook(NOTEBOOK, readFileSync(NOTEBOOK, 'utf8')).functions.find((f) => f.handler === handler);
  assert.ok(spec, handler);
  return spec;
}

test("a notebook function ships alone: its def and body at its cell's lines, no decorator, no top-level code", async () => {
  const artifact = await buildArtifact(notebookSpec('hello_world'), { target: 'local', runtimeDir: RUNTIME_DIR });
  assert.equal(artifact.handler, 'workspace.hello_world');
  const module = artifact.files.find((f) => f.path === 'workspace.py');
  assert.ok(module, artifact.files.map((f) => f.path).join(', '));
  const lines = Buffer.from(module.data).toString('utf8').split('\n');
  assert.match(lines[0], /^# hello_world from cell 3 of workspace\.ipynb/);
  assert.equal(lines[1], 'def hello_world(request, context):', 'the def on its cell line (line 2)');
  assert.equal(lines[7], '    return inspector.finish()');
  const source = lines.join('\n');
  assert.doesNotMatch(source, /cloud_function|FaaSETUI|"Steve"|function_config|page_rank/);
  assert.ok(artifact.files.some((f) => f.path === 'SAAF.py'), 'the function imports SAAF: the Inspector ships');
  assert.ok(!artifact.files.some((f) => f.path === 'FaaSET.py'), 'nothing left imports FaaSET');
});

test('a notebook function deploys and runs on the local platform, its SAAF Inspector included', async (t) => {
  const { provider } = harness(t);
  const tmp = mkdtempSync(path.join(tmpdir(), 'faaslab-notebook-tmp-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const spec = { ...notebookSpec('hello_world'), platforms: ['local' as const], env: { TMPDIR: tmp } };
  const d = await provider.deploy(spec, await buildArtifact(spec, { target: 'local', runtimeDir: RUNTIME_DIR }));
  assert.equal(d.memoryMB, 512);
  const inv = await provider.invoke(d, { name: 'Ada' });
  assert.equal(inv.status, 'ok', inv.error?.message);
  const r = inv.result as Record<string, unknown>;
  assert.equal(r.message, 'Hello from the cloud Ada!');
  assert.equal(r.version, 0.7);
  assert.equal(r.newcontainer, 1);
});

test('module names: a notebook file name becomes a Python identifier that ships beside no FaaS Lab module', () => {
  assert.equal(notebookModuleName('/w/My Work-1.ipynb'), 'My_Work_1');
  assert.equal(notebookModuleName('/w/2024 runs.ipynb'), '_2024_runs');
  assert.equal(notebookModuleName('/w/SAAF.ipynb'), 'SAAF_notebook');
});
