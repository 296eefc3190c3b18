// Idle probes and load steps on the real local platform, whose keep-alive is the truth the
// time-to-cold-start search must find.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { runExperiment } from '../../../../src/core/experiment/runner';
import { readRun } from '../../../../src/core/results/store';
import { summarizeRun } from '../../../../src/core/results/summary';
import { formatReport } from '../../../../src/core/results/report';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const KEEP_ALIVE_S = 2;
const work = mkdtempSync(path.join(tmpdir(), 'faaslab-idle-'));
const provider = new LocalProvider({ stateDir: path.join(work, 'local'), keepAliveMs: KEEP_ALIVE_S * 1000 });
const registry = new ProviderRegistry();
registry.register(provider);
before(async () => {
  const spec = fixtureSpec('hello.js', 'hello');
  await provider.deploy(spec, await fixtureArtifact(spec));
});
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

function parsed(doc: Record<string, unknown>) {
  const r = parseExperiment('/w/idle.experiment.json', JSON.stringify({ function: 'hello', platform: 'local', ...doc }));
  assert.ok(r.spec, JSON.stringify(r.problems));
  return r.spec;
}

test('idle search finds the local keep-alive (2 s) within one precision step, and the report prints it', async () => {
  const precisionS = 0.25;
  const result = await runExperiment({ spec: parsed({ idle: { search: { fromS: 0.25, maxS: 16, precisionS } } }), providers: registry, runsDir: path.join(work, 'runs') });
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const { info, records } = await readRun(result.runDir);
  const [found] = info.idleSearch ?? [];
  assert.ok(found?.estimateS !== undefined && found.coldS !== undefined, JSON.stringify(info.idleSearch));
  assert.ok(Math.abs(found.estimateS - KEEP_ALIVE_S) <= precisionS, `estimate ${found.estimateS} s`);
  assert.ok(found.coldS - found.warmS <= precisionS);
  assert.equal(found.platform, 'local');
  // Doubling first: 0.25, 0.5, 1 are warm.
  assert.deepEqual(found.probedS.slice(0, 3), [0.25, 0.5, 1]);
  assert.equal(records.length, found.probedS.length * 2);
  assert.equal(info.counts.planned, records.length);
  const probes = records.filter((r) => r.idleRole === 'probe');
  assert.deepEqual(probes.map((r) => r.idleMs), found.probedS.map((s) => s * 1000));
  assert.ok(records.filter((r) => r.idleRole === 'prime').every((r) => r.idleMs === undefined));
  for (const p of probes.filter((r) => r.idleMs! >= (KEEP_ALIVE_S + 0.5) * 1000)) assert.equal(p.cold, true, `probe after ${p.idleMs} ms`);
  assert.ok(probes.filter((p) => p.idleMs! <= 1000).every((p) => p.cold === false));
  const report = formatReport(summarizeRun(info, records));
  assert.match(report, new RegExp(`Time to cold start, local 128 MB: about ${found.estimateS} s \\(warm after ${found.warmS} s, cold after ${found.coldS} s`));
});

test('idle times: a probe within the keep-alive is warm, one past it is cold, each repeated', async () => {
  const result = await runExperiment({ spec: parsed({ idle: { times: [0.2, KEEP_ALIVE_S + 1.5], repeat: 2 } }), providers: registry, runsDir: path.join(work, 'runs') });
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const { records } = await readRun(result.runDir);
  assert.equal(records.length, 8);
  assert.deepEqual(records.map((r) => r.idleRole), ['prime', 'probe', 'prime', 'probe', 'prime', 'probe', 'prime', 'probe']);
  const probes = records.filter((r) => r.idleRole === 'probe');
  assert.deepEqual(probes.map((r) => [r.idleMs, r.cold]), [[200, false], [200, false], [3500, true], [3500, true]]);
});

test('cancelling during an idle wait stops the run before its probe', async () => {
  const controller = new AbortController();
  const result = await runExperiment({
    spec: parsed({ idle: { times: [600] } }),
    providers: registry,
    runsDir: path.join(work, 'runs'),
    signal: controller.signal,
    onRecord: (r) => {
      if (r.idleRole === 'prime') setTimeout(() => controller.abort(), 50);
    },
  });
  assert.equal(result.status, 'cancelled');
  const { records } = await readRun(result.runDir);
  assert.deepEqual(records.map((r) => r.idleRole), ['prime']);
});

test('a burst sweep on local: every record carries its step and load, and the summary groups by step', async () => {
  const result = await runExperiment({ spec: parsed({ mode: 'burst', steps: { from: 1, to: 4, factor: 2 }, stepPauseS: 0.1 }), providers: registry, runsDir: path.join(work, 'runs') });
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const { info, records } = await readRun(result.runDir);
  assert.equal(records.length, 7);
  const bySeq = [...records].sort((a, b) => a.seq - b.seq);
  assert.deepEqual(bySeq.map((r) => [r.step, r.stepLoad]), [[0, 1], [1, 2], [1, 2], [2, 4], [2, 4], [2, 4], [2, 4]]);
  const summary = summarizeRun(info, records);
  assert.deepEqual(summary.groups.map((g) => [g.key.step, g.key.stepLoad, g.n]), [[0, 1, 1], [1, 2, 2], [2, 4, 4]]);
});
