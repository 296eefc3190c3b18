// The nested-call example (examples/function1-3.js, nested.experiment.json) run on the real local
// platform from the command line: every top-level call leaves the whole 1 -> 2 -> 3 tree in the run.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readRun } from '../../../src/core/results/store';
import { cliAt } from '../cli/run-cli';
import { assertNestedTrees } from './nested-tree';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-nested-'));
cpSync(path.resolve(__dirname, '../../../examples'), path.join(root, 'examples'), { recursive: true });
after(() => rmSync(root, { recursive: true, force: true }));

const cli = cliAt(root);

test('nested.experiment.json records function1 -> function2 -> function3 for every call', async () => {
  for (const f of ['function3.js', 'function2.js']) {
    const r = await cli('deploy', path.join(root, 'examples', f), '--json');
    assert.equal(r.code, 0, r.err);
  }
  const run = await cli('run', path.join(root, 'examples/nested.experiment.json'), '--json');
  assert.equal(run.code, 0, run.err + run.out);
  const { records } = await readRun(JSON.parse(run.out).runDir);
  assertNestedTrees(records, 10);
});

test('the report shows each hop and the double billing of the chain', async () => {
  const r = await cli('report', 'latest');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Nested calls over 10 call trees/);
  assert.match(r.out, /function1 → function2 +10 /);
  assert.match(r.out, /function2 → function3 +10 /);
  assert.match(r.out, /Double billing: callers billed [\d.]+ ms per tree while waiting/);
});
