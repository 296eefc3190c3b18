// Apply Recommended Memory on a real run of a memory sweep on the local platform: the question
// names the sizes, Cancel changes nothing, the action sets the function to the recommended size.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runExperimentFile } from '../../../../src/core/experiment/run-file';
import type { Recommendation } from '../../../../src/core/results/recommendation';
import { applyRecommendation } from '../../../../src/extension/commands/apply-recommendation';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { runsDirOf } from '../../../../src/providers';
import { answering } from './scripted-input';
import { testWorkspace } from './workspace';

const ws = testWorkspace('apply');
after(() => ws.dispose());

test('apply recommendation: confirm, cancel, and the memory the platform then reports', async () => {
  ws.write('sq.js', '// @faas memory=128 timeout=10\nexport async function sq(request) { return request.n * request.n; }\n');
  const file = ws.write('sq.experiment.json', JSON.stringify({ function: 'sq', source: 'sq.js', platform: 'local', payloads: [{ n: 3 }], memorySettings: [256, 512], runs: 6, threads: 2, strategy: 'speed' }));
  const providers = new ProviderRegistry();
  providers.register(ws.provider);
  const run = await runExperimentFile({ file, providers, runsDir: runsDirOf(ws.root) });
  const rec = run.summary.analyses.recommendations[0] as Recommendation;
  assert.ok([256, 512].includes(rec.memoryMB));
  assert.equal((await ws.provider.get('sq'))?.memoryMB, 128);

  await answering([{ confirm: new RegExp(`Set sq on Local to ${rec.memoryMB} MB \\(now 128 MB\\)`), answer: false }], (ui) => applyRecommendation(ws.ctx, ui, path.join(run.runDir, 'run.json')));
  assert.equal((await ws.provider.get('sq'))?.memoryMB, 128, 'Cancel changes nothing');

  await answering([{ confirm: /Recommended memory \(speed\)/, answer: true }], (ui) => applyRecommendation(ws.ctx, ui, run.runDir));
  assert.equal((await ws.provider.get('sq'))?.memoryMB, rec.memoryMB);
  assert.match(ws.output.at(-1)!, new RegExp(`sq on Local: memory 128 → ${rec.memoryMB} MB \\(recommended by sq/`));
  assert.equal(ws.deploymentChanges, 1);
});
