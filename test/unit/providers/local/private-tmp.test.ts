// Each local instance has a /tmp of its own, as each container has on a cloud: a file one instance
// writes to /tmp is not seen by another running at the same time, and is still there for the same
// instance's next (warm) call.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { harness } from './harness';

const FIXTURE = 'tmp-marker.js';

test('three concurrent instances each see an empty /tmp; a warm call sees its own mark', async (t) => {
  const h = harness(t);
  const d = await h.deploy(FIXTURE, 'handler');
  const first = await Promise.all([1, 2, 3].map(() => h.provider.invoke(d, { holdMs: 300 })));
  for (const inv of first) assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.deepEqual(first.map((i) => i.cold), [true, true, true], 'three instances started');
  assert.deepEqual(first.map((i) => (i.result as { seen: boolean }).seen), [false, false, false], 'no instance saw another one’s /tmp');
  const warm = await h.provider.invoke(d, {});
  assert.equal(warm.cold, false);
  assert.equal((warm.result as { seen: boolean }).seen, true, 'the warm instance keeps its own /tmp between calls');
  assert.ok(!existsSync('/tmp/faaslab-test-marker'), 'nothing was written to the machine’s own /tmp');
});
