import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { runExperiment } from '../../../../src/core/experiment/runner';
import { CancelScope } from '../../../../src/core/experiment/scheduler/cancel';
import { SignalPool } from '../../../../src/core/experiment/scheduler/signals';
import { readRun } from '../../../../src/core/results/store';
import { ProviderRegistry } from '../../../../src/providers/registry';
import { HttpStubProvider } from '../../../fixtures/http-stub/provider';
import { FunctionStub } from '../../../fixtures/http-stub/server';

test('a call signal is reused once its call ended unaborted; an aborted one never is', () => {
  const pool = new SignalPool(new CancelScope());
  const a = pool.acquire();
  const b = pool.acquire();
  assert.notEqual(a, b, 'two calls in flight, two signals');
  pool.release(a);
  assert.equal(pool.acquire(), a, 'reused');
  b.abort(new Error('timeout'));
  pool.release(b);
  pool.release(a);
  assert.equal(pool.idle, 1);
  const c = pool.acquire();
  assert.equal(c, a);
  assert.equal(c.signal.aborted, false);
  assert.notEqual(pool.acquire(), b, 'the timed-out one is gone');
});

test("cancelling the run aborts every call's signal in flight, and any handed out after", () => {
  const scope = new CancelScope();
  const pool = new SignalPool(scope);
  const inFlight = [pool.acquire(), pool.acquire()];
  const idle = pool.acquire();
  pool.release(idle);
  scope.cancel();
  assert.ok(inFlight.every((c) => c.signal.aborted));
  assert.match(String((inFlight[0].signal.reason as Error).message), /cancelled/);
  const late = pool.acquire();
  assert.equal(late.signal.aborted, true);
});

test('a run at 50 calls in flight over real sockets leaves no listener pile-up on a signal (no MaxListeners warning)', async (t) => {
  const stub = new FunctionStub({ defaultSleepMs: 20 });
  const url = await stub.start();
  const work = mkdtempSync(path.join(tmpdir(), 'faaslab-signals-'));
  const provider = new HttpStubProvider({ url, functionName: 'fn', maxSockets: 50 });
  t.after(async () => {
    await provider.dispose();
    await stub.close();
    rmSync(work, { recursive: true, force: true });
  });
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  const registry = new ProviderRegistry();
  registry.register(provider);
  const text = JSON.stringify({ experimentName: 'signals', function: 'fn', platform: 'docker', runs: 200, threads: 50, iterations: 1 });
  const { spec } = parseExperiment(path.join(work, 'signals.experiment.json'), text);
  const result = await runExperiment({ spec: spec!, providers: registry, runsDir: work });
  // Warnings are emitted on the next tick.
  await new Promise((r) => setImmediate(r));
  assert.equal(result.status, 'completed');
  assert.equal((await readRun(result.runDir)).records.length, 200);
  assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message), []);
});
