// The functions' returned fields in the results explorer: which fields, per group a number's mean
// and median or a text's most common values, and the filter applied before anything is shaped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentileSorted, sortedCopy } from '../../../../../src/core/results/stats';
import { MAX_CELL_VALUES, MAX_RESPONSE_FIELDS, responseCells, responseFields, valueMatches } from '../../../../../src/core/results/view/response';
import { shapeRun } from '../../../../../src/core/results/view/shape';
import { isRunView } from '../../../../../src/webviews/results/protocol';
import { generateRecords, runInfo } from '../../../../fixtures/webview-browser/generate';
import { withResponses } from '../../../../fixtures/webview-browser/responses';

const records = withResponses(generateRecords({ count: 4000, warmupPerSize: 8, seed: 7 }));
const measured = records.filter((r) => !r.warmup);
const view = shapeRun({ runDir: '/runs/hello/1', info: runInfo(), records });

test('the returned fields: numbers for mean and median, anything else as values', () => {
  assert.ok(isRunView(JSON.parse(JSON.stringify(view))));
  const fields = view.response?.fields ?? [];
  assert.deepEqual(fields.map((f) => [f.name, f.kind]), [['message', 'values'], ['newcontainer', 'number'], ['version', 'number'], ['runtime', 'number'], ['warm', 'values']]);
  const ok = measured.filter((r) => r.status === 'ok').length;
  for (const f of fields) assert.equal(f.calls, ok, `${f.name}: every ok call returned it`);
  assert.deepEqual(fields[0]!.values, ['hello', 'hi'], 'most common first');
  assert.deepEqual(fields[4]!.values.sort(), ['false', 'true']);
});

test('each statistics row gets its group’s mean and p50 of a number, counted values of the rest', () => {
  for (const row of view.table) {
    const memoryMB = Number(/(\d+) MB/.exec(row.label)![1]);
    const ok = measured.filter((r) => r.memoryMB === memoryMB && r.status === 'ok');
    const runtimes = ok.map((r) => r.runtime!);
    const runtime = row.response?.runtime;
    assert.ok(runtime?.kind === 'number');
    assert.equal(runtime.n, ok.length);
    assert.ok(Math.abs(runtime.mean - runtimes.reduce((a, b) => a + b, 0) / runtimes.length) < 1e-9);
    assert.equal(runtime.p50, percentileSorted(sortedCopy(runtimes), 0.5));
    const message = row.response?.message;
    assert.ok(message?.kind === 'values');
    const hellos = ok.filter((r) => r.response?.message === 'hello').length;
    assert.deepEqual(message.values, [{ value: 'hello', count: hellos }, { value: 'hi', count: ok.length - hellos }]);
    assert.equal(message.others, 0);
  }
});

test('the filter applies before shaping: counts, groups, table and charts hold only the calls it keeps', () => {
  const filtered = shapeRun({ runDir: '/r', info: runInfo(), records }, { filter: { field: 'message', value: 'hello' } });
  assert.ok(isRunView(JSON.parse(JSON.stringify(filtered))));
  const kept = records.filter((r) => r.response?.message === 'hello');
  assert.equal(filtered.totals.records, kept.length);
  assert.equal(filtered.totals.failed, 0, 'a failed call returned nothing: it is not kept');
  assert.deepEqual(filtered.response?.filter, { field: 'message', value: 'hello', matched: kept.length, of: records.length });
  assert.ok(filtered.notes[0]!.startsWith(`Only the calls whose returned message == hello: ${kept.length.toLocaleString('en-US')} of ${records.length.toLocaleString('en-US')} calls`));
  for (const row of filtered.table) {
    const cell = row.response?.message;
    assert.ok(cell?.kind === 'values');
    assert.deepEqual(cell.values.map((v) => v.value), ['hello']);
    assert.equal(row.n, kept.filter((r) => !r.warmup && row.label.endsWith(` ${r.memoryMB} MB`)).length);
  }
  assert.deepEqual(filtered.response?.fields.map((f) => f.name), view.response?.fields.map((f) => f.name), 'every field stays choosable');

  const cold = shapeRun({ runDir: '/r', info: runInfo(), records }, { filter: { field: 'newcontainer', value: '1' } });
  const coldCalls = records.filter((r) => r.response?.newcontainer === 1);
  assert.ok(coldCalls.length > 0);
  assert.equal(cold.totals.records, coldCalls.length);
  assert.ok(cold.groups.every((g) => g.warm === undefined && g.cold !== undefined), 'only cold starts are left');

  const none = shapeRun({ runDir: '/r', info: runInfo(), records }, { filter: { field: 'message', value: 'bye' } });
  assert.equal(none.totals.records, 0);
  assert.equal(none.response?.filter?.matched, 0);
});

test('a typed value matches as the user means it', () => {
  assert.equal(valueMatches('hello', 'hello'), true);
  assert.equal(valueMatches('hello', ' hello '), true);
  assert.equal(valueMatches('hello', '"hello"'), true);
  assert.equal(valueMatches(' x', '" x"'), true, 'quotes keep spaces');
  assert.equal(valueMatches('1', '"1"'), true);
  assert.equal(valueMatches(1, '"1"'), false, 'a quoted value is text');
  assert.equal(valueMatches(1, '1'), true);
  assert.equal(valueMatches(1, '1.0'), true);
  assert.equal(valueMatches(0, ''), false);
  assert.equal(valueMatches(true, 'true'), true);
  assert.equal(valueMatches(null, 'null'), true);
  assert.equal(valueMatches({ a: [1] }, '{"a":[1]}'), true);
  assert.equal(valueMatches('hello', 'Hello'), false);
});

test('caps: the fields most calls returned, a few values per cell, the rest counted together', () => {
  const wide = records.slice(0, 300).map((r, i) => ({
    ...r,
    warmup: false,
    status: 'ok' as const,
    response: { ...Object.fromEntries(Array.from({ length: MAX_RESPONSE_FIELDS + 3 }, (_, k) => [`f${k}`, k])), id: `call-${i}`, ...(i % 2 ? { rare: 1 } : {}) },
  }));
  const { fields, omitted } = responseFields(wide);
  assert.equal(fields.length, MAX_RESPONSE_FIELDS);
  assert.equal(omitted, 5);
  assert.ok(!fields.some((f) => f.name === 'rare'), 'a field half the calls returned gives way');
  const withId = [...fields.slice(0, 1), { name: 'id', kind: 'values' as const, calls: 300, values: [] }];
  const id = responseCells(wide, withId).id;
  assert.ok(id?.kind === 'values');
  assert.equal(id.values.length, MAX_CELL_VALUES);
  assert.equal(id.others, 300 - MAX_CELL_VALUES);
  const v = shapeRun({ runDir: '/r', info: runInfo(), records: wide });
  assert.ok(v.notes.some((n) => n === `The functions returned ${MAX_RESPONSE_FIELDS + 5} fields; the table shows the ${MAX_RESPONSE_FIELDS} most calls returned.`));
});

test('a response cut when recorded is said; a run whose functions returned nothing has no returned fields', () => {
  const cut = records.map((r, i) => (i === 10 && r.status === 'ok' ? { ...r, responseNote: 'body cut to its first 1024 of 5000 characters (as JSON text)' } : r));
  assert.ok(shapeRun({ runDir: '/r', info: runInfo(), records: cut }).notes.some((n) => n.startsWith('1 call returned more than is recorded: those fields were cut')));
  const plain = shapeRun({ runDir: '/r', info: runInfo(), records: generateRecords({ count: 100 }) });
  assert.equal(plain.response, undefined);
  assert.equal(plain.table[0]!.response, undefined);
});
