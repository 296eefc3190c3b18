// The experiment editor's live estimate: counts from the plan, a time worked out from the load
// shape, and a cost only where the function is deployed (never guessed).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { estimatePlanCost } from '../../../../src/core/experiment/budget';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { planExperiment } from '../../../../src/core/experiment/plan';
import type { ExperimentSpec } from '../../../../src/core/experiment/spec';
import type { Deployment, FunctionSpec } from '../../../../src/core/model';
import { toFunctionChoices } from '../../../../src/extension/experiment-editor/choices';
import { ASSUMED_CALL_MS, estimateExperiment } from '../../../../src/extension/experiment-editor/estimate';

const EXAMPLE = path.resolve(__dirname, '../../../../examples/memory-sweep.experiment.json');

function spec(change: (raw: Record<string, unknown>) => void = () => {}): ExperimentSpec {
  const raw = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  change(raw);
  const parsed = parseExperiment(EXAMPLE, JSON.stringify(raw));
  assert.ok(parsed.spec, parsed.problems.map((p) => p.message).join('; '));
  return parsed.spec;
}

function deployment(platform: Deployment['platform'], memoryMB: number, timeoutS = 60): Deployment {
  return { platform, name: 'calcs', language: 'node', runtime: 'nodejs20.x', memoryMB, timeoutS, codeHash: 'h', updatedAt: '2026-11-23T00:00:00Z' };
}

test('not deployed: counts and time, and the cost is said to be unknown', () => {
  const s = spec();
  const e = estimateExperiment(s, new Map(), new Map([['local', 'function not deployed']]));
  assert.equal(e.kind, 'estimate');
  if (e.kind !== 'estimate') return;
  // 3 memory sizes × 3 iterations × 20 runs, the first iteration of each size warm-up.
  assert.equal(e.calls, planExperiment(s).totals.calls);
  assert.equal(e.calls, 180);
  assert.equal(e.warmupCalls, planExperiment(s).totals.warmupCalls);
  assert.deepEqual(e.lines, [128, 256, 512].map((memoryMB) => ({ platform: 'local', memoryMB, calls: 60 })));
  // Closed loop: 20 runs over 4 threads = 5 calls per thread back to back, 9 iterations.
  assert.equal(e.durationMs, 9 * 5 * ASSUMED_CALL_MS);
  assert.match(e.durationBasis, /^9 iterations × \(5 calls per thread × 100 ms per call \(assumed: set expectedDurationMs\)\)$/);
  assert.equal(e.costUSD, undefined);
  assert.deepEqual(e.notes, ['local: cost unknown: function not deployed']);
});

test('deployed: the same cost as the budget check, per platform and memory size', () => {
  const s = spec((r) => {
    r.platforms = ['local', 'aws'];
    delete r.platform;
    r.expectedDurationMs = 250;
    r.budgetUSD = 0.001;
    r.sleepTime = 2;
  });
  const deployments = new Map([['aws', deployment('aws', 256)]] as const);
  const e = estimateExperiment(s, deployments, new Map([['local', 'function not deployed']]));
  assert.ok(e.kind === 'estimate');
  const budget = estimatePlanCost(planExperiment(s), deployments);
  assert.equal(e.costUSD, budget.totalUSD);
  assert.ok(e.costUSD! > 0);
  assert.equal(e.costBasis, '250 ms per call (expectedDurationMs)');
  assert.equal(e.budgetUSD, 0.001);
  const aws = e.lines.filter((l) => l.platform === 'aws');
  assert.deepEqual(aws.map((l) => l.memoryMB), [128, 256, 512]);
  assert.ok(aws[2]!.costUSD! > aws[0]!.costUSD!, 'more memory costs more per call');
  assert.ok(e.lines.filter((l) => l.platform === 'local').every((l) => l.costUSD === undefined));
  assert.deepEqual(e.notes, ['local: cost unknown: function not deployed']);
  // Sleeps: per platform, one after each of 3 memory changes and 2 between the 3 iterations of each size.
  const sleeps = 2 * (3 + 3 * 2);
  assert.equal(e.durationMs, 2 * 9 * 5 * 250 + sleeps * 2000);
  assert.match(e.durationBasis, /\+ 18 sleeps of 2 s$/);
});

test('as deployed (no memory settings): the deployed size is priced', () => {
  const s = spec((r) => delete r.memorySettings);
  const e = estimateExperiment(s, new Map([['local', deployment('local', 256)]]), new Map());
  assert.ok(e.kind === 'estimate');
  assert.deepEqual(e.lines, [{ platform: 'local', memoryMB: 256, calls: 60, costUSD: 0 }]);
  assert.equal(e.costUSD, 0);
  assert.match(e.costBasis ?? '', /the function's timeout per call \(60 s\), an upper bound/);
});

test('open loop and burst time', () => {
  const open = estimateExperiment(spec((r) => ((r.mode = 'open'), (r.rate = { rps: 4 }), delete r.threads)), new Map(), new Map());
  assert.ok(open.kind === 'estimate');
  assert.equal(open.durationMs, 9 * (20 / 4) * 1000);
  const burst = estimateExperiment(spec((r) => ((r.mode = 'burst'), (r.maxInFlight = 8), delete r.threads, (r.expectedDurationMs = 50))), new Map(), new Map());
  assert.ok(burst.kind === 'estimate');
  assert.equal(burst.durationMs, 9 * 3 * 50);
});

test('handlers become picker choices with their file relative to the experiment', () => {
  const at = (file: string, name: string): FunctionSpec => ({
    name,
    file,
    range: { startLine: 0, startCol: 0, endLine: 0, endCol: 0 },
    language: file.endsWith('.py') ? 'python' : 'node',
    handler: name,
    memoryMB: 256,
    timeoutS: 60,
    platforms: ['local'],
    requirements: [],
    env: {},
    includes: [],
  });
  const choices = toFunctionChoices('/w/experiments/sweep.experiment.json', [at('/w/src/b.py', 'b'), at('/w/experiments/a.js', 'a'), at('/w/src/a.ts', 'z')]);
  assert.deepEqual(choices.map((c) => [c.source, c.name, c.language]), [
    ['../src/a.ts', 'z', 'node'],
    ['../src/b.py', 'b', 'python'],
    ['a.js', 'a', 'node'],
  ]);
});
