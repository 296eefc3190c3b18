// The summary built one record at a time: optional group fields that never vary split nothing and
// can be left out; one that varies must be kept (groups are not merged after the fact).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Float64Column } from '../../../../src/core/results/column';
import { RunSummaryBuilder, summarizeRun } from '../../../../src/core/results/summary';
import { record } from './analyses/make-record';

const info = { runId: 'exp/2026-12-02T10-00-00-000Z', experiment: 'exp' };

test('Float64Column grows over many chunks and keeps every value in order', () => {
  const c = new Float64Column();
  assert.deepEqual([...c.values()], []);
  const n = 50_000;
  for (let i = 0; i < n; i++) c.push(n - i);
  assert.equal(c.length, n);
  const values = c.values();
  assert.equal(values.length, n);
  assert.ok(values.every((v, i) => v === n - i));
  const sorted = c.sorted();
  assert.ok(sorted.every((v, i) => v === i + 1));
  assert.equal(c.values()[0], n, 'sorted() leaves the column as pushed');
});

test('an optional field with one value gives the same summary with or without it; one that varies must be included', () => {
  const onePayload = [record({ seq: 0, roundTripMs: 10 }), record({ seq: 1, roundTripMs: 30, memoryMB: 256 }), record({ seq: 2, roundTripMs: 20 })];
  const builder = new RunSummaryBuilder(info, { groupBy: ['function', 'platform', 'memoryMB'], optionalGroupBy: ['payloadIndex'] });
  for (const r of onePayload) builder.add(r);
  assert.equal(builder.distinctValues('payloadIndex'), 1);
  assert.deepEqual(builder.finish(), summarizeRun(info, onePayload, { groupBy: ['function', 'platform', 'memoryMB'] }));
  assert.deepEqual(builder.finish(['payloadIndex']), summarizeRun(info, onePayload, { groupBy: ['function', 'platform', 'memoryMB', 'payloadIndex'] }));
  assert.deepEqual([...builder.timings().keys()], ['fn · aws · 128 MB', 'fn · aws · 256 MB']);
  assert.deepEqual([...builder.timings().get('fn · aws · 128 MB')!.roundTripMs], [10, 20]);

  const twoPayloads = new RunSummaryBuilder(info, { groupBy: ['memoryMB'], optionalGroupBy: ['payloadIndex'] });
  for (const r of [...onePayload, record({ seq: 3, payloadIndex: 1 })]) twoPayloads.add(r);
  assert.equal(twoPayloads.distinctValues('payloadIndex'), 2);
  assert.throws(() => twoPayloads.finish(), /the groups differ in payloadIndex: include it/);
  assert.deepEqual(
    twoPayloads.finish(['payloadIndex']).groups.map((g) => g.label),
    ['128 MB · payload 0', '128 MB · payload 1', '256 MB · payload 0'],
  );
});

test('a load sweep is grouped by step without being asked, a single step is not', () => {
  const steps = [record({ seq: 0, step: 0, stepLoad: 1 }), record({ seq: 1, step: 1, stepLoad: 2 }), record({ seq: 2, step: 1, stepLoad: 2, warmup: true })];
  const builder = new RunSummaryBuilder(info, { groupBy: ['memoryMB'] });
  for (const r of steps) builder.add(r);
  const summary = builder.finish();
  assert.deepEqual(summary.options.groupBy, ['memoryMB', 'step']);
  assert.deepEqual(summary.groups.map((g) => g.label), ['128 MB · step 1 (load 1)', '128 MB · step 2 (load 2)']);
  assert.deepEqual(summary, summarizeRun(info, steps, { groupBy: ['memoryMB'] }));
  const single = new RunSummaryBuilder(info, { groupBy: ['memoryMB'] });
  single.add(steps[1]);
  assert.deepEqual(single.finish().options.groupBy, ['memoryMB']);
});

test('bad group fields and confidence levels are refused when the builder is made', () => {
  assert.throws(() => new RunSummaryBuilder(info, { groupBy: ['nope' as never] }), /cannot group by "nope"/);
  assert.throws(() => new RunSummaryBuilder(info, { optionalGroupBy: ['nope' as never] }), /cannot group by "nope"/);
  assert.throws(() => new RunSummaryBuilder(info, { confidence: 1 }), /confidence must be between 0 and 1/);
});
