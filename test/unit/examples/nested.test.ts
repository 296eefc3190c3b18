// The nested-call example (examples/function1-3.js, nested.experiment.json) run on the real local
// platform from the command line: every top-level call leaves the whole 1 -> 2 -> 3 tree in the run.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { InvocationRecord } from '../../../src/core/results/record';
import { readRun } from '../../../src/core/results/store';
import { cliAt } from '../cli/run-cli';

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

  const tops = records.filter((r) => r.parentId === undefined);
  assert.equal(tops.length, 10, 'one top-level record per planned call');
  assert.equal(records.length, 30, '3 records per top-level call');
  const byId = new Map(records.map((r) => [r.callId, r]));
  for (const top of tops) {
    assert.equal(top.function, 'function1');
    assert.equal(top.status, 'ok', top.error);
    assert.equal(top.traceId, top.callId);
    const tree = records.filter((r) => r.traceId === top.traceId);
    assert.equal(tree.length, 3);
    const second = only(tree, (r) => r.parentId === top.callId);
    const third = only(tree, (r) => r.parentId === second.callId);
    assert.deepEqual([second.function, third.function], ['function2', 'function3']);
    assert.equal(byId.get(third.parentId)?.parentId, top.callId);
    for (const r of [second, third]) assert.equal(r.seq, top.seq, 'a nested call keeps its top call’s seq');
    // Each hop's round trip fits inside the time its caller ran, which fits inside the caller's round trip.
    assert.deepEqual(top.nestedRoundTripsMs, [second.roundTripMs]);
    assert.deepEqual(second.nestedRoundTripsMs, [third.roundTripMs]);
    assert.equal(third.nestedRoundTripsMs, undefined);
    assert.ok(second.roundTripMs <= (top.runtime as number), `function2's round trip ${second.roundTripMs} ms within function1's runtime ${top.runtime} ms`);
    assert.ok((top.runtime as number) <= top.roundTripMs);
    assert.ok(third.roundTripMs <= (second.runtime as number));
    // The handler saw the same chain: function1's response names function2's and function3's answers.
    const nested = top.response?.nested as Array<{ function_name: string; response: { function: string; nested: Array<{ response: { function: string } }> } }>;
    assert.equal(nested[0].response.function, 'function2');
    assert.equal(nested[0].response.nested[0].response.function, 'function3');
  }
});

test('the report shows each hop and the double billing of the chain', async () => {
  const r = await cli('report', 'latest');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Nested calls over 10 call trees/);
  assert.match(r.out, /function1 → function2 +10 /);
  assert.match(r.out, /function2 → function3 +10 /);
  assert.match(r.out, /Double billing: callers billed [\d.]+ ms per tree while waiting/);
});

function only(records: InvocationRecord[], match: (r: InvocationRecord) => boolean): InvocationRecord {
  const found = records.filter(match);
  assert.equal(found.length, 1, `expected one record, found ${found.length}`);
  return found[0];
}
