// The runner against the real local platform: child-process instances running the real shim.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { runExperiment } from '../../../../src/core/experiment/runner';
import { readRun } from '../../../../src/core/results/store';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-exp-local-'));
const provider = new LocalProvider({ stateDir: path.join(work, 'local'), keepAliveMs: 60_000 });
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

test('a closed-loop memory sweep on the local platform: every call recorded with the shim metrics, memory restored', async () => {
  const spec = fixtureSpec('sleeper.js', 'sleeper', { memoryMB: 256 });
  await provider.deploy(spec, await fixtureArtifact(spec));
  const registry = new ProviderRegistry();
  registry.register(provider);
  const parsed = parseExperiment(
    '/w/sleep.experiment.json',
    JSON.stringify({ function: 'sleeper', platform: 'local', memorySettings: [128, 512], iterations: 2, runs: 6, threads: 3, payloads: [{ ms: 20 }, { ms: 40 }] }),
  );
  assert.ok(parsed.spec, JSON.stringify(parsed.problems));
  const result = await runExperiment({ spec: parsed.spec, providers: registry, runsDir: path.join(work, 'runs') });
  assert.equal(result.status, 'completed', result.problems.join('\n'));
  const { records } = await readRun(result.runDir);
  assert.equal(records.length, 24);
  assert.deepEqual(
    [...new Set(records.map((r) => r.memoryMB))].sort((a, b) => a - b),
    [128, 512],
  );
  for (const r of records) {
    assert.equal(r.status, 'ok', r.error);
    assert.equal(typeof r.uuid, 'string');
    assert.equal(typeof r.runtime, 'number');
    assert.ok(r.latencyMs !== undefined && r.latencyMs >= 0 && r.latencyMs < r.roundTripMs);
  }
  // A memory change gives new instances: the first iteration at each size starts cold on every worker.
  for (const mb of [128, 512]) {
    const cold = records.filter((r) => r.memoryMB === mb && r.iteration === 0 && r.cold).length;
    assert.ok(cold >= 1 && cold <= 3, `${mb} MB: ${cold} cold starts`);
  }
  assert.equal((await provider.get('sleeper'))?.memoryMB, 256);
});
