// A run folder exported as CSV streams its records: to a file (cells encoded into byte blocks) and
// through write() (row strings), both the same bytes as the whole-run toCsv().
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { toCsv } from '../../../../src/core/results/csv';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { runCsvOptions, writeRunCsv, writeRunCsvFile } from '../../../../src/core/results/run-csv';
import { createRun, readRun } from '../../../../src/core/results/store';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-run-csv-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Cells that need quoting, multi-byte characters, and now and then a cell bigger than a 256 KB block. */
function record(seq: number, runId: string): InvocationRecord {
  return {
    runId,
    experiment: 'csv',
    function: 'hello',
    platform: 'local',
    memoryMB: [128, 256][seq % 2],
    iteration: 0,
    thread: seq % 4,
    seq,
    payloadIndex: seq % 2,
    warmup: false,
    clientStart: 1000 + seq,
    clientEnd: 1010 + seq,
    roundTripMs: 10 + seq / 7,
    runtime: 9 + seq / 11,
    status: seq % 5 === 0 ? 'error' : 'ok',
    ...(seq % 5 === 0 ? { errorType: 'Error', error: seq % 1000 === 0 ? 'x"y,'.repeat(80_000) : `bad, "quoted"\nline é€😀 ${seq}` } : {}),
    retries: 0,
    uuid: `u${seq % 7}`,
    cpuUserDelta: seq % 13,
    response: { value: seq, note: seq % 3 === 0 ? 'naïve, “curly”' : 'plain', ...(seq % 4 === 0 ? { list: [1, 'a,b'] } : {}) },
  };
}

test('writeRunCsvFile and writeRunCsv write the bytes toCsv makes of the whole run, over block and chunk ends', async () => {
  const { spec } = parseExperiment('/x/csv.experiment.json', '{"function": "hello", "payloads": [{"n": 1}, {"name": "é, \\"q\\""}], "runs": 1}');
  const writer = await createRun({ runsDir: work, spec: spec!, planned: 0 });
  await writer.close();
  const lines = Array.from({ length: 12_000 }, (_, seq) => JSON.stringify(record(seq, writer.runId)) + '\n');
  writeFileSync(path.join(writer.runDir, 'invocations.jsonl'), lines.join(''));
  // More than one 1 MB chunk of records, and cells of 320 KB.
  assert.ok(statSync(path.join(writer.runDir, 'invocations.jsonl')).size > 3 * (1 << 20));
  const { info, records } = await readRun(writer.runDir);
  const expected = toCsv(records, runCsvOptions(info, records, 'saafPython'));

  const file = path.join(work, 'out.csv');
  assert.equal(await writeRunCsvFile(writer.runDir, info, 'saafPython', file), 12_000);
  assert.ok(readFileSync(file, 'utf8') === expected, 'the file export differs from toCsv');

  let streamed = '';
  let drains = 0;
  const rows = await writeRunCsv(writer.runDir, info, 'saafPython', (line) => {
    streamed += line;
    // A full pipe now and then: reading waits for the drain.
    return streamed.length % 3 === 0 ? new Promise<void>((resolve) => setImmediate(() => (drains++, resolve()))) : undefined;
  });
  assert.equal(rows, 12_000);
  assert.ok(drains > 0);
  assert.ok(streamed === expected, 'the streamed export differs from toCsv');
});

test('writeRunCsvFile of a run without records writes the header line only', async () => {
  const { spec } = parseExperiment('/x/empty.experiment.json', '{"function": "hello", "runs": 1}');
  const writer = await createRun({ runsDir: work, spec: spec!, planned: 0 });
  await writer.close();
  const file = path.join(work, 'empty.csv');
  writeFileSync(file, 'old contents that must go');
  const { info } = await readRun(writer.runDir);
  assert.equal(await writeRunCsvFile(writer.runDir, info, 'faasRunner', file), 0);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^1_run_id,2_thread_id,.*\r\n$/);
  assert.equal(text.split('\r\n').length, 2);
});
