// Running and resuming experiments from VS Code's commands, as plain functions against the real
// local platform: a real handler deployed through the real packaging, Cancel pressed on the run's
// progress notification, and "Resume run" making exactly the calls that are missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { ExperimentFileRun } from '../../../../src/core/experiment/run-file';
import { readRunOwner } from '../../../../src/core/experiment/run-owner';
import { resolveFunctionRef } from '../../../../src/core/functions/find';
import { listRuns, readRun } from '../../../../src/core/results/store';
import { openExperimentForHandler } from '../../../../src/extension/commands/open-experiment-for-handler';
import { resumeRun } from '../../../../src/extension/commands/resume-run';
import { runExperiment } from '../../../../src/extension/commands/run-experiment';
import { isRunInterrupted, runChoiceItem, runPickItem } from '../../../../src/extension/experiments/run-folders';
import { answering } from './scripted-input';
import { fileUri, testWorkspace } from './workspace';

const ws = testWorkspace('experiments');
after(() => ws.dispose());

ws.write('sleeper.js', `// @faas memory=128 timeout=10 platforms=local
export async function sleeper(request) {
  await new Promise((resolve) => setTimeout(resolve, request.ms ?? 5));
  return { sleptMs: request.ms ?? 5 };
}
`);
const PLANNED = 40;
const experimentFile = ws.write(
  'sweep.experiment.json',
  JSON.stringify({ experimentName: 'sweep', function: 'sleeper', source: 'sleeper.js', platform: 'local', payloads: [{ ms: 5 }], memorySettings: [128, 256], runs: 20, threads: 2, iterations: 1 }),
);

/** Presses Cancel on the run's notification once it shows `calls` calls done. */
function cancelAfter(calls: number) {
  ws.cancelWhen = (title, message) => title === 'FaaS Lab: sweep' && Number(/ · (\d+)\/\d+ · /.exec(message)?.[1] ?? 0) >= calls;
}

/** Calls the uninterrupted run recorded: a resumed run must end with as many. */
let uninterrupted = 0;

const seqsOf = (records: Array<{ seq: number }>) => records.map((r) => r.seq).sort((a, b) => a - b);

async function cancelledRun(): Promise<ExperimentFileRun> {
  cancelAfter(10);
  const run = (await answering([], (ui) => runExperiment(ws.ctx, ui, fileUri(experimentFile)))) as ExperimentFileRun;
  ws.cancelWhen = undefined;
  assert.equal(run.status, 'cancelled', run.problems.join('\n'));
  return run;
}

test('run experiment: deploys the handler, runs every call under a progress notification, opens the results live', async () => {
  const run = (await answering([], (ui) => runExperiment(ws.ctx, ui, fileUri(experimentFile)))) as ExperimentFileRun;
  assert.equal(run.status, 'completed', run.problems.join('\n'));
  assert.equal(run.counts.recorded, PLANNED);
  uninterrupted = (await readRun(run.runDir)).records.length;
  assert.deepEqual(seqsOf((await readRun(run.runDir)).records), [...Array(PLANNED).keys()]);
  assert.ok(ws.progress.some((p) => p.title === 'FaaS Lab: sleeper → Local'), 'the deploy had its own progress');
  const shown = ws.progress.find((p) => p.title === 'FaaS Lab: sweep');
  assert.ok(shown?.done, 'the run notification closed');
  assert.ok(Math.abs(shown.percent - 100) < 1e-6, `the bar reached 100% (${shown.percent})`);
  assert.deepEqual(ws.results, [{ runDir: run.runDir, live: true }]);
  assert.ok(ws.output.some((l) => l.includes('running sweep (sweep.experiment.json)')));
  assert.ok(ws.output.some((l) => l.startsWith(`sweep: completed · ${PLANNED}/${PLANNED} calls · 0 errors · 0 throttled · run folder .faaslab`)));
  assert.equal(readRunOwner(run.runDir)?.pid, process.pid, 'run.json names the process that ran it');
  assert.equal(isRunInterrupted({ runDir: run.runDir, status: run.status }), false, 'a completed run is not offered for resuming');
});

test('cancel, then "Resume run" on its folder: completed with no call recorded twice and as many calls as an uninterrupted run', async () => {
  const cancelled = await cancelledRun();
  const first = await readRun(cancelled.runDir);
  assert.ok(first.records.length >= 10 && first.records.length < PLANNED, `${first.records.length} calls before the cancel`);
  assert.ok(isRunInterrupted({ runDir: cancelled.runDir, status: first.info.status }));
  assert.match(runPickItem((await listRuns(path.join(ws.root, '.faaslab', 'runs'))).find((r) => r.runDir === cancelled.runDir)!).description!, / · cancelled$/);

  // The runs list: "Resume run" on the cancelled run (the newest), none on the completed one.
  const items = (await listRuns(path.join(ws.root, '.faaslab', 'runs'))).map(runChoiceItem);
  assert.equal(items.length, 2);
  assert.equal(items.find((i) => i.value.runDir !== cancelled.runDir)?.buttons, undefined);
  const choice = await answering([{ pick: 'Open the results of a run', choose: 'sweep', button: 'Resume run' }], (ui) => ui.pick(items, { title: 'Open the results of a run' }));
  assert.deepEqual(choice, { runDir: cancelled.runDir, resume: true });

  const opened = ws.results.length;
  const resumed = (await answering([], (ui) => resumeRun(ws.ctx, ui, choice!.runDir))) as ExperimentFileRun;
  assert.equal(resumed.status, 'completed', resumed.problems.join('\n'));
  assert.equal(resumed.runDir, cancelled.runDir);
  const all = await readRun(cancelled.runDir);
  assert.deepEqual(seqsOf(all.records), [...Array(PLANNED).keys()], 'every planned call exactly once');
  assert.equal(all.records.length, uninterrupted);
  assert.equal(all.info.counts.recorded, uninterrupted);
  const before = new Map(first.records.map((r) => [r.seq, r.uuid]));
  for (const r of all.records) if (before.has(r.seq)) assert.equal(r.uuid, before.get(r.seq), `call ${r.seq} is the one recorded before the cancel`);
  assert.equal(all.info.status, 'completed');
  assert.equal(all.info.resumedAt?.length, 1);
  assert.deepEqual(ws.results.slice(opened), [{ runDir: cancelled.runDir, live: true }], 'the resumed run opened live');
  assert.ok(ws.output.some((l) => l.includes(`resuming sweep (${path.relative(ws.root, cancelled.runDir)})`)));
});

test('"Resume run" with no run named asks among the interrupted runs, from its run.json in the explorer too', async () => {
  const cancelled = await cancelledRun();
  const resumed = (await answering([{ pick: 'Resume which run?', choose: 'sweep' }], (ui) => resumeRun(ws.ctx, ui))) as ExperimentFileRun;
  assert.equal(resumed.runDir, cancelled.runDir);
  assert.equal(resumed.counts.recorded, PLANNED);

  const again = await cancelledRun();
  const fromExplorer = (await answering([], (ui) => resumeRun(ws.ctx, ui, fileUri(path.join(again.runDir, 'run.json'))))) as ExperimentFileRun;
  assert.equal(fromExplorer.status, 'completed');
  assert.deepEqual(seqsOf((await readRun(again.runDir)).records), [...Array(PLANNED).keys()]);
});

test('a run whose run.json says running: resumable once its process is gone, refused while it is alive', async () => {
  const cancelled = await cancelledRun();
  const info = path.join(cancelled.runDir, 'run.json');
  const asRunningBy = (pid: number) => writeFileSync(info, JSON.stringify({ ...JSON.parse(readFileSync(info, 'utf8')), status: 'running', owner: { pid, hostname: os.hostname() } }));

  asRunningBy(process.pid);
  assert.equal(isRunInterrupted({ runDir: cancelled.runDir, status: 'running' }), false);
  await assert.rejects(answering([], (ui) => resumeRun(ws.ctx, ui, cancelled.runDir)), new RegExp(`is being run by process ${process.pid}: wait for it to end, or stop that process .*kill ${process.pid}`));

  // As a killed process leaves it: run.json names a process that has exited.
  asRunningBy(spawnSync(process.execPath, ['-e', '']).pid);
  assert.equal(isRunInterrupted({ runDir: cancelled.runDir, status: 'running' }), true);
  assert.match(runPickItem((await listRuns(path.join(ws.root, '.faaslab', 'runs'))).find((r) => r.runDir === cancelled.runDir)!).description!, / · interrupted$/);
  const resumed = (await answering([], (ui) => resumeRun(ws.ctx, ui, cancelled.runDir))) as ExperimentFileRun;
  assert.equal(resumed.status, 'completed');
  assert.deepEqual(seqsOf((await readRun(cancelled.runDir)).records), [...Array(PLANNED).keys()]);
});

test('"Resume run" on a completed run says there is nothing to resume', async () => {
  const [done] = (await listRuns(path.join(ws.root, '.faaslab', 'runs'))).filter((r) => r.status === 'completed');
  await assert.rejects(answering([], (ui) => resumeRun(ws.ctx, ui, done.runDir)), /is complete: only an interrupted or cancelled run can be resumed; run the experiment again/);
});

test('a handler with no experiment gets a starting one, opened to edit; with one, "Run experiment" runs it', async () => {
  const spec = await resolveFunctionRef(`${path.join(ws.root, 'sleeper.js')}:sleeper`);
  const file = await answering([], (ui) => openExperimentForHandler(ws.ctx, ui, spec));
  assert.equal(file, experimentFile, 'its one experiment');
  assert.equal(ws.opened.at(-1), experimentFile);
  const run = (await answering([], (ui) => runExperiment(ws.ctx, ui, spec))) as ExperimentFileRun;
  assert.equal(run.spec.experimentName, 'sweep');
  assert.equal(run.status, 'completed');

  const other = ws.write('other.js', '// @faas memory=256\nexport async function other() { return 1; }\n');
  const created = await answering([], async (ui) => openExperimentForHandler(ws.ctx, ui, await resolveFunctionRef(`${other}:other`)));
  assert.equal(created, undefined);
  const newFile = path.join(ws.root, 'other.experiment.json');
  assert.equal(ws.opened.at(-1), newFile);
  assert.deepEqual(JSON.parse(readFileSync(newFile, 'utf8')).memorySettings, [256, 512]);
});
