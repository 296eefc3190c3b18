// The one "run an experiment file" flow the CLI and VS Code call: load, deploy where the code
// changed, run (or resume), summarise — against the real local platform and real packaging.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { DeployOutcome } from '../../../../src/core/functions/deploy';
import { InvalidExperimentError } from '../../../../src/core/experiment/load';
import { runExperimentFile } from '../../../../src/core/experiment/run-file';
import { isInterrupted, readRunOwner } from '../../../../src/core/experiment/run-owner';
import { readRun } from '../../../../src/core/results/store';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-run-file-'));
const provider = new LocalProvider({ stateDir: path.join(work, '.faaslab', 'local'), keepAliveMs: 60_000, cpuScaling: false });
const providers = new ProviderRegistry();
providers.register(provider);
const runsDir = path.join(work, '.faaslab', 'runs');
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

writeFileSync(path.join(work, 'echo.js'), '// @faas memory=128 timeout=10\nexport async function echo(request) { return request; }\n');
const file = path.join(work, 'echo.experiment.json');
// `memorySettings` lists 128 twice: a warning, and two settings' worth of calls.
writeFileSync(file, JSON.stringify({ experimentName: 'echo', function: 'echo', source: 'echo.js', platform: 'local', payloads: [{ n: 1 }, { n: 2 }], memorySettings: [128, 128], runs: 15, threads: 3 }));

test('deploys on the first run only, says so and warns, and returns the summary of what was recorded', async () => {
  const deployed: DeployOutcome['action'][] = [];
  const warnings: string[] = [];
  const started: string[] = [];
  const run = await runExperimentFile({
    file,
    providers,
    runsDir,
    onWarning: (w) => warnings.push(w.message),
    onDeployed: (outcome, fn, platform) => {
      deployed.push(outcome.action);
      assert.deepEqual([fn.name, platform], ['echo', 'local']);
    },
    onStart: (runDir, spec) => {
      started.push(spec.experimentName);
      assert.equal(readRunOwner(runDir)?.pid, process.pid, 'this process holds the run while it goes');
    },
  });
  assert.equal(run.status, 'completed', run.problems.join('\n'));
  assert.deepEqual(deployed, ['deployed']);
  assert.deepEqual(started, ['echo']);
  assert.match(warnings.join('\n'), /128 MB is listed twice/);
  assert.equal(run.summary.counts.records, 30);
  assert.equal(run.experiment?.file, file);
  assert.equal(readRunOwner(run.runDir)?.pid, process.pid, 'run.json keeps the process that wrote the run');
  assert.equal(isInterrupted(run.status, readRunOwner(run.runDir)), false, 'a completed run is not offered for resuming');

  const again = await runExperimentFile({ file, providers, runsDir, onDeployed: (o) => deployed.push(o.action) });
  assert.equal(again.status, 'completed');
  assert.deepEqual(deployed, ['deployed', 'unchanged']);
});

test('cancelled through its signal, then resumed from the run folder alone: every call once, as many as a whole run', async () => {
  const controller = new AbortController();
  const cancelled = await runExperimentFile({ file, providers, runsDir, signal: controller.signal, onProgress: (p) => p.done >= 8 && controller.abort() });
  assert.equal(cancelled.status, 'cancelled');
  assert.ok(cancelled.counts.recorded < 30);
  assert.equal(isInterrupted(cancelled.status, readRunOwner(cancelled.runDir)), true, 'a cancelled run can be resumed while its process still lives');

  let deploys = 0;
  const resumed = await runExperimentFile({ resume: cancelled.runDir, providers, runsDir, onDeployed: () => deploys++ });
  assert.equal(resumed.status, 'completed');
  assert.equal(deploys, 0, 'without its file nothing is packaged');
  const { records } = await readRun(cancelled.runDir);
  assert.deepEqual(records.map((r) => r.seq).sort((a, b) => a - b), [...Array(30).keys()]);
});

test('an invalid file is refused before anything is deployed or run', async () => {
  const bad = path.join(work, 'bad.experiment.json');
  writeFileSync(bad, JSON.stringify({ function: 'echo', platform: 'local', runs: -1 }));
  let deployed = false;
  await assert.rejects(runExperimentFile({ file: bad, providers, runsDir, onDeployed: () => (deployed = true) }), InvalidExperimentError);
  assert.equal(deployed, false);
});
