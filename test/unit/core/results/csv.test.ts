import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvColumns, csvField, csvHeader, csvLines, responseFields, toCsv } from '../../../../src/core/results/csv';
import type { InvocationRecord } from '../../../../src/core/results/record';

const base: InvocationRecord = {
  runId: 'run-1',
  experiment: 'hello',
  function: 'hello',
  platform: 'aws',
  memoryMB: 256,
  iteration: 3,
  thread: 2,
  threadCall: 4,
  seq: 17,
  payloadIndex: 1,
  warmup: false,
  clientStart: 1700000000000,
  clientEnd: 1700000000123.5,
  roundTripMs: 123.5,
  latencyMs: 23.5,
  runtime: 100,
  status: 'ok',
  retries: 0,
  cold: true,
  uuid: 'c0ffee',
  newcontainer: 1,
  cpuType: 'Intel(R) Xeon(R)',
  // ms, as the record holds them: FaaS Runner's columns show ticks (1/100 s).
  cpuUserDelta: 70,
  cpuKernelDelta: 20,
  cpuIOWaitDelta: 10,
  cpuStealDelta: 0,
};

/** Minimal RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

test('the header uses FaaS Runner column names, SAAF part in its sorted order, then ours', () => {
  const cols = csvColumns();
  assert.deepEqual(cols.slice(0, 2), ['1_run_id', '2_thread_id']);
  for (const name of ['cpuUsrDelta', 'cpuKrnDelta', 'cpuIowaitDelta', 'vmcpustealDelta', 'roundTripTime', 'latency', 'runtime', 'newcontainer', 'uuid', 'vmuptime']) {
    assert.ok(cols.includes(name), name);
  }
  // FaaS Runner writes sorted(keys): Python's codepoint order, digits before letters.
  const saaf = cols.slice(0, cols.indexOf('vmuptime') + 1);
  assert.deepEqual(saaf, [...saaf].sort());
  assert.equal(cols[saaf.length], 'runId');
  assert.ok(!cols.includes('cpuUserDelta'));
  assert.equal(new Set(cols).size, cols.length, 'no duplicate columns');
  assert.equal(csvHeader(), cols.join(','));
});

test('saafPython names follow the SAAF Python Inspector, with its CPU times in ms', () => {
  const [header, row] = parseCsv(toCsv([base], { cpuNames: 'saafPython' }));
  assert.equal(row[header.indexOf('cpuUserDelta')], '70');
  assert.equal(row[header.indexOf('cpuIOWaitDelta')], '10');
  const cols = csvColumns({ cpuNames: 'saafPython' });
  for (const name of ['cpuUserDelta', 'cpuKernelDelta', 'cpuIOWaitDelta', 'cpuStealDelta']) assert.ok(cols.includes(name), name);
  assert.ok(!cols.includes('cpuUsrDelta'));
  const saaf = cols.slice(0, cols.indexOf('vmuptime') + 1);
  assert.deepEqual(saaf, [...saaf].sort());
});

test('values land under the right columns; missing values are empty cells', () => {
  const [header, row] = parseCsv(toCsv([base]));
  const get = (name: string) => row[header.indexOf(name)];
  // FaaS Runner's 1_run_id is the call's number on its thread, not the iteration.
  assert.equal(get('1_run_id'), '4');
  assert.equal(get('2_thread_id'), '2');
  assert.equal(get('roundTripTime'), '123.5');
  assert.equal(get('latency'), '23.5');
  assert.equal(get('cpuUsrDelta'), '7');
  assert.equal(get('cpuKrnDelta'), '2');
  assert.equal(get('cpuIowaitDelta'), '1');
  assert.equal(get('vmcpustealDelta'), '0');
  assert.equal(get('cpuType'), 'Intel(R) Xeon(R)');
  assert.equal(get('cold'), 'true');
  assert.equal(get('vmuptime'), '');
  assert.equal(get('error'), '');
  assert.equal(row.length, header.length);
});

test('fields with commas, quotes and line breaks are quoted per RFC 4180', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('line1\nline2'), '"line1\nline2"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(Number.NaN), '');
  assert.equal(csvField(0), '0');
  const nasty = 'TypeError: bad "input", see\r\nstack';
  const text = toCsv([{ ...base, status: 'error', error: nasty, errorType: 'TypeError' }]);
  assert.ok(text.endsWith('\r\n'));
  const [header, row] = parseCsv(text);
  assert.equal(row[header.indexOf('error')], nasty);
});

test('csvLines streams a header then one CRLF-terminated line per record', () => {
  const records = (function* () {
    for (let i = 0; i < 1000; i++) yield { ...base, seq: i };
  })();
  let count = 0;
  let first = '';
  for (const line of csvLines(records)) {
    if (count === 0) first = line;
    assert.ok(line.endsWith('\r\n'));
    count++;
  }
  assert.equal(count, 1001);
  assert.equal(first, `${csvHeader()}\r\n`);
});

test('the payload column holds the payload sent as json.dumps writes it, and returned fields get their own columns', () => {
  const record: InvocationRecord = { ...base, payloadIndex: 1, response: { message: 'Hello Zoë!', status: 'fine', nested: { a: [1, 2] } } };
  const payloads = [{ name: 'Ann' }, { name: 'Zoë', size: 2 }];
  const [header, row] = parseCsv(toCsv([record], { payloads, responseFields: responseFields([record]) }));
  const get = (name: string) => row[header.indexOf(name)];
  assert.equal(get('payload'), '{"name": "Zo\\u00eb", "size": 2}');
  assert.equal(get('message'), 'Hello Zoë!');
  // A returned field whose name is one of ours keeps its value under response.<name>.
  assert.equal(get('status'), 'ok');
  assert.equal(get('response.status'), 'fine');
  assert.equal(get('nested'), '{"a":[1,2]}');
  assert.equal(get('userRuntime'), '100');
  assert.deepEqual(header.slice(-3), ['message', 'nested', 'response.status']);
});
