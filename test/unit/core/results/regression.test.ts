import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFailIf } from '../../../../src/core/results/regression';

test('--fail-if reads metric, measure and bound; anything else says how to write it', () => {
  assert.deepEqual(parseFailIf('p95+10%'), { text: 'p95+10%', measure: 'roundTripMs', stat: 'p95', bound: { pct: 10 } });
  assert.deepEqual(parseFailIf('runtime.mean+2.5ms').bound, { ms: 2.5 });
  assert.equal(parseFailIf('runtime.mean+2.5ms').measure, 'runtime');
  assert.equal(parseFailIf('P99 + 5%').stat, 'p99');
  for (const bad of ['p95', 'p95-10%', 'p42+1%', 'max+1ms', 'p95+10s']) assert.throws(() => parseFailIf(bad), /write it as <metric>\+<N>% or <metric>\+<N>ms/);
});
