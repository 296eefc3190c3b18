// Resuming a time-to-cold-start search on the real local platform: it goes on from the probes the
// run recorded (no doubling from scratch), finishes an idle time cut short in place, and still finds
// the keep-alive; a search cancelled between two idle times leaves the run cancelled.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { isInterrupted } from '../../../../src/core/experiment/run-owner';
import { runExperiment } from '../../../../src/core/experiment/runner';
import type { ExperimentSpec } from '../../../../src/core/experiment/spec';
import { formatReport } from '../../../../src/core/results/report';
import { readRun } from '../../../../src/core/results/store';
import { summarizeRun } from '../../../../src/core/results/summary';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const KEEP_ALIVE_S = 2;
const work = mkdtempSync(path.join(tmpdir(), 'faaslab-idle-resume-'));
const provider = new LocalProvider({ stateDir: path.join(work, 'local'), keepAliveMs: KEEP_ALIVE_S * 1000 });
const registry = new ProviderRegistry();
registry.register(provider);
const runsDir = path.join(work, 'runs');
before(async () => {
  const spec = fixtureSpec('hello.js', 'hello');
  await provider.deploy(spec, await fixtureArtifact(spec));
});
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

function search(precisionS: number, repeat: number): ExperimentSpec {
  const text = JSON.stringify({ function: 'hello', platform: 'local', idle: { search: { fromS: 0.25, maxS: 16, precisionS }, repeat } });
  const r = parseExperiment('/w/idle-resume.experiment.json', text);
  assert.ok(r.spec, JSON.stringify(r.problems));
  return r.spec;
}

/** Runs the spec and cancels once `count` calls are recorded (`delayMs` later: inside the next idle wait). */
async function runUntil(spec: ExperimentSpec, count: number, delayMs: number) {
  const controller = new AbortController();
  let recorded = 0;
  return runExperiment({
    spec,
    providers: registry,
    runsDir,
    signal: controller.signal,
    onRecord: () => {
      if (++recorded === count) {
        if (delayMs === 0) controller.abort();
        else setTimeout(() => controller.abort(), delayMs);
      }
    },
  });
}

test('a search cancelled inside an idle wait resumes from its recorded probes and still finds the keep-alive', { timeout: 120_000 }, async () => {
  const precisionS = 0.5;
  const spec = search(precisionS, 2);
  // Two pairs at 0.25 s, then one pair and a priming call at 0.5 s: cancelled while waiting for that probe.
  const first = await runUntil(spec, 7, 50);
  assert.equal(first.status, 'cancelled', first.problems.join('\n'));
  const cut = await readRun(first.runDir);
  assert.equal(cut.info.status, 'cancelled');
  assert.deepEqual(cut.records.map((r) => [r.seq, r.idleRole, r.idleMs]), [
    [0, 'prime', undefined],
    [1, 'probe', 250],
    [2, 'prime', undefined],
    [3, 'probe', 250],
    [4, 'prime', undefined],
    [5, 'probe', 500],
    [6, 'prime', undefined],
  ]);
  assert.equal(cut.info.idleSearch?.[0]?.incomplete, 'cancelled');

  const resumed = await runExperiment({ spec, providers: registry, runsDir, resume: first.runDir });
  assert.equal(resumed.status, 'completed', resumed.problems.join('\n'));
  const { info, records } = await readRun(first.runDir);
  const added = records.slice(cut.records.length);
  // The resumed part starts with the probe the cancel cut off, in its own place, then the next idle time.
  assert.deepEqual(added.slice(0, 3).map((r) => [r.seq, r.idleRole, r.idleMs]), [
    [7, 'probe', 500],
    [8, 'prime', undefined],
    [9, 'probe', 1000],
  ]);
  assert.ok(added.every((r) => r.idleMs === undefined || r.idleMs > 250), 'no idle time before the cut was probed again');
  // Every idle time has exactly its two probes, in the order the search chose them.
  const probes = records.filter((r) => r.idleRole === 'probe').sort((a, b) => a.seq - b.seq);
  const [found] = info.idleSearch ?? [];
  assert.equal(info.idleSearch?.length, 1, 'the resumed outcome replaced the cut-short one');
  assert.ok(found?.estimateS !== undefined && found.coldS !== undefined, JSON.stringify(info.idleSearch));
  assert.deepEqual(found.probedS.slice(0, 3), [0.25, 0.5, 1]);
  assert.deepEqual(probes.map((p) => p.idleMs), found.probedS.flatMap((s) => [s * 1000, s * 1000]));
  assert.equal(new Set(records.map((r) => r.seq)).size, records.length, 'no seq recorded twice');
  assert.ok(Math.abs(found.estimateS - KEEP_ALIVE_S) <= precisionS, `estimate ${found.estimateS} s`);
  assert.equal(info.counts.planned, records.length);
  assert.match(formatReport(summarizeRun(info, records)), /Time to cold start, local 128 MB: about [\d.]+ s/);
});

test('a search cancelled between two idle times leaves the run cancelled, resumable', { timeout: 60_000 }, async () => {
  // The cancel lands as the first idle time's last probe is recorded: every call planned so far is made.
  const result = await runUntil(search(0.25, 1), 2, 0);
  assert.equal(result.status, 'cancelled', result.problems.join('\n'));
  const { info, records } = await readRun(result.runDir);
  assert.equal(records.length, info.counts.planned);
  assert.equal(info.status, 'cancelled');
  assert.equal(isInterrupted(info.status, info.owner), true);
  assert.equal(info.idleSearch?.[0]?.incomplete, 'cancelled');
});
