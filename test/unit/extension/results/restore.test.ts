import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { isInside, refusedRestore } from '../../../../src/extension/results/restore';

const runs = path.resolve('/work/project/.faaslab/runs');
const run = path.join(runs, 'hello', '2026-11-23T09-00-00-000Z');

test('isInside: below the folder only, after resolving ..', () => {
  assert.equal(isInside(runs, run), true);
  assert.equal(isInside(runs, runs), false);
  assert.equal(isInside(runs, path.join(runs, '..', 'secrets')), false);
  assert.equal(isInside(runs, path.join(runs, 'hello', '..', '..', '..', 'etc')), false);
  assert.equal(isInside(runs, `${runs}-other/hello/x`), false);
  assert.equal(isInside(runs, path.join(runs, '..hidden', 'x')), true);
  assert.equal(isInside(runs, '/etc/passwd'), false);
});

test('a restored panel opens runs in a runs directory and refuses anything else, saying where runs may be', () => {
  assert.equal(refusedRestore({ kind: 'run', runDir: run }, [runs]), undefined);
  const other = path.resolve('/work/other/.faaslab/runs/hello/x');
  assert.equal(refusedRestore({ kind: 'run', runDir: other }, [runs, path.resolve('/work/other/.faaslab/runs')]), undefined);

  const refused = refusedRestore({ kind: 'run', runDir: '/home/user/.ssh' }, [runs]);
  assert.ok(refused?.includes('/home/user/.ssh'), refused);
  assert.ok(refused?.includes(runs), refused);
  assert.match(refused!, /Open Results/);
});

test('a comparison is restored only when both of its runs are in a runs directory', () => {
  const before = path.join(runs, 'hello', 'a');
  assert.equal(refusedRestore({ kind: 'comparison', before, after: run }, [runs]), undefined);
  const refused = refusedRestore({ kind: 'comparison', before, after: path.join(runs, '..', '..', 'src') }, [runs]);
  assert.ok(refused?.includes(path.resolve('/work/project/src')), refused);
});
