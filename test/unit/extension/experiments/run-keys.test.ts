// The watch behind "Resume Run" is set up at activation without the runs code (run-keys.ts): its
// glob must name the run.json of each run where the store writes it, <runs dir>/<experiment>/<run>/.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { RUN_INFO_FILE } from '../../../../src/core/results/store';
import { RUN_INFO_GLOB } from '../../../../src/extension/experiments/run-keys';
import { runsDirOf } from '../../../../src/providers';

test("RUN_INFO_GLOB is each run's run.json under runsDirOf, in any workspace folder", () => {
  const root = path.resolve('/work/project');
  const runsDir = path.relative(root, runsDirOf(root)).split(path.sep).join('/');
  assert.equal(RUN_INFO_GLOB, `**/${runsDir}/*/*/${RUN_INFO_FILE}`);
});
