// The nested-call example on the real Docker engine, from the command line: each container's
// context.invoke reaches the Docker provider's loopback endpoint, and every top-level call leaves
// the whole function1 -> function2 -> function3 tree in the run, as on the local platform.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readRun } from '../../../src/core/results/store';
import { cliAt } from '../cli/run-cli';
import { engineSocket, unavailable } from '../providers/docker/harness';
import { assertNestedTrees } from './nested-tree';

test('nested-docker.experiment.json records function1 -> function2 -> function3 for every call', async (t) => {
  const reason = await unavailable();
  if (reason) return t.skip(reason);
  const where = engineSocket()!;
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-nested-docker-'));
  cpSync(path.resolve(__dirname, '../../../examples'), path.join(root, 'examples'), { recursive: true });
  mkdirSync(path.join(root, '.vscode'));
  writeFileSync(path.join(root, '.vscode/settings.json'), JSON.stringify({ 'faasLab.docker.host': where.dockerHost ?? `unix://${where.socketPath}` }));
  const cli = cliAt(root);
  t.after(async () => {
    for (const f of ['function1', 'function2', 'function3']) await cli('remove', f, '--platform', 'docker', '--yes');
    rmSync(root, { recursive: true, force: true });
  });

  for (const f of ['function3.js', 'function2.js']) {
    const r = await cli('deploy', path.join(root, 'examples', f), '--platform', 'docker', '--json');
    assert.equal(r.code, 0, r.err);
  }
  const run = await cli('run', path.join(root, 'examples/nested-docker.experiment.json'), '--json');
  assert.equal(run.code, 0, run.err + run.out);
  const { records } = await readRun(JSON.parse(run.out).runDir);
  assert.ok(records.every((r) => r.platform === 'docker'));
  assertNestedTrees(records, 10);
});
