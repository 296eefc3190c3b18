import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';

const FILE = '/work/x.experiment.json';

test('strategy and balancedWeight reach the spec; bad values are positioned errors', () => {
  const ok = parseExperiment(FILE, '{"function": "f", "memorySettings": [128, 256], "strategy": "balanced", "balancedWeight": 0.3}');
  assert.deepEqual([ok.spec?.strategy, ok.spec?.balancedWeight], ['balanced', 0.3]);
  const bad = parseExperiment(FILE, '{"function": "f", "strategy": "cheap"}');
  assert.equal(bad.spec, undefined);
  assert.match(bad.problems[0].message, /^strategy: .*"cost", "speed", "balanced"/);
  assert.deepEqual([bad.problems[0].range.startCol, bad.problems[0].range.endCol], [30, 37]);
  const heavy = parseExperiment(FILE, '{"function": "f", "strategy": "balanced", "balancedWeight": 2}');
  assert.match(heavy.problems[0].message, /^balancedWeight: 2 is above the maximum 1/);
  const unused = parseExperiment(FILE, '{"function": "f", "strategy": "cost", "balancedWeight": 0.2}');
  assert.equal(unused.spec?.balancedWeight, undefined);
  assert.match(unused.problems[0].message, /balancedWeight: used only with "strategy": "balanced"/);
  assert.equal(unused.problems[0].severity, 'warning');
});
