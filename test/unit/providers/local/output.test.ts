// A handler that prints far more than a log should hold: its call keeps the first few MB and says
// how many lines it dropped, and the function's log files stay within their rotation size.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { MAX_CALL_OUTPUT_CHARS } from '../../../../src/providers/local/instance';
import { LogStore } from '../../../../src/providers/shared/log-store';
import { harness } from './harness';

const ROTATE_BYTES = 8 * 1024 * 1024;

test('a call printing 12 MB keeps its first 4 MB of lines in the log and says how many it dropped', async (t) => {
  const h = harness(t);
  const d = await h.deploy('printer.js', 'printer', { file: path.join(__dirname, 'fixtures', 'printer.js'), memoryMB: 1769 });
  const lines = 60_000;
  const inv = await h.provider.invoke(d, { lines, chars: 200 });
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  // Lines read after the answer still count: the next call tells any dropped then.
  // A loaded machine reads the last lines late: wait until the log stops growing.
  for (let last = -1, waited = 0; waited < 15_000; waited += 300) {
    const n = (await h.provider.logs(d, { limit: 100_000 })).length;
    if (n === last) break;
    last = n;
    await new Promise((r) => setTimeout(r, 300));
  }
  await h.provider.invoke(d, { lines: 0 });
  const logged = (await h.provider.logs(d, { limit: 100_000 })).filter((e) => e.stream !== 'platform');
  const printed = logged.filter((e) => /^\d+ y+$/.test(e.message));
  const notes = logged.map((e) => /^\[FaaS Lab\] (\d+) lines dropped: the call printed more than the 4 MB/.exec(e.message)?.[1]).filter((n) => n !== undefined);
  assert.ok(notes.length >= 1, 'the log says lines were dropped');
  const dropped = notes.reduce((sum, n) => sum + Number(n), 0);
  assert.ok(printed.length > 1000 && printed.reduce((n, e) => n + e.message.length, 0) <= MAX_CALL_OUTPUT_CHARS, `kept ${printed.length} lines`);
  assert.equal(printed.length + dropped, lines, 'every line is either kept or counted');
  assert.equal(printed[0].message.split(' ')[0], '0', 'the first lines are the ones kept');
});

test('a burst larger than the rotation size never grows a log file past it', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-logstore-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'logs.jsonl');
  const store = new LogStore();
  const message = 'z'.repeat(10_000);
  // 20 MB appended in one event-loop turn: one pending batch.
  for (let i = 0; i < 2_000; i++) store.append(file, { time: new Date(0).toISOString(), stream: 'stdout', message });
  await store.flush();
  for (const f of [file, path.join(dir, 'logs.1.jsonl')]) assert.ok(statSync(f).size <= ROTATE_BYTES, `${path.basename(f)} is ${statSync(f).size} bytes`);
  assert.equal((await store.tail(file, 10)).length, 10);
});
