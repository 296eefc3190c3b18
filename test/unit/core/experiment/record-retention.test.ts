// A record is held only until its batch is written and counted: under a steady flow of calls, the
// run keeps none of the records it has already counted (a memory bound, not a speed figure).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { runExperiment } from '../../../../src/core/experiment/runner';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { HttpStubProvider } from '../../../fixtures/http-stub/provider';
import { FunctionStub } from '../../../fixtures/http-stub/server';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('counted records are not kept while the run goes on', async (t) => {
  const stub = new FunctionStub({ defaultSleepMs: 0 });
  const url = await stub.start();
  const work = mkdtempSync(path.join(tmpdir(), 'faaslab-retention-'));
  const provider = new HttpStubProvider({ url, functionName: 'fn', maxSockets: 20 });
  t.after(async () => {
    await provider.dispose();
    await stub.close();
    rmSync(work, { recursive: true, force: true });
  });
  const registry = new ProviderRegistry();
  registry.register(provider);
  const { spec } = parseExperiment(path.join(work, 'r.experiment.json'), JSON.stringify({ experimentName: 'r', function: 'fn', platform: 'docker', runs: 3000, threads: 20, iterations: 1 }));
  const early: WeakRef<InvocationRecord>[] = [];
  let counted = 0;
  let alive: number | undefined;
  const result = await runExperiment({
    spec: spec!,
    providers: registry,
    runsDir: work,
    onRecord: (r) => {
      // Calls go on while the first 1000 records are long counted: they must be collectable.
      if (++counted <= 1000) early.push(new WeakRef(r));
      else if (counted === 2500) {
        gc();
        alive = early.filter((w) => w.deref() !== undefined).length;
      }
    },
  });
  assert.equal(result.status, 'completed');
  assert.equal(alive, 0, `${alive} of the first 1000 counted records still held at record 2500`);
});
