// A handler that prints far more than a log should hold: its call keeps the first 4 MB and says
// how many lines it dropped, in that call's own logs; output printed after the answer (timers) is
// still the call's; and the function's log files stay within their rotation size.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LogStore } from '../../../../src/providers/shared/log-store';
import { assertCappedLogs, keptLines } from '../shared/output-expect';
import { harness } from './harness';

const ROTATE_BYTES = 8 * 1024 * 1024;

for (const [language, file] of [
  ['Node', 'printer.js'],
  ['Python', 'printer.py'],
] as const) {
  test(`${language}: a call printing 6 MB holds its first 4 MB of lines and the dropped-lines note; the next call holds none of it`, async (t) => {
    const h = harness(t);
    const d = await h.deploy(file, 'printer', { file: path.join(__dirname, 'fixtures', file), memoryMB: 1769 });
    const lines = 30_000;
    const inv = await h.provider.invoke(d, { lines, chars: 200 });
    assertCappedLogs(inv, lines, 200);
    const next = await h.provider.invoke(d, { lines: 0, text: 'second call' });
    assert.equal(next.status, 'ok', JSON.stringify(next.error));
    assert.equal(next.logs, 'second call');
    // The function's log has the note right after the first call's last kept line, before the second call's output.
    const logged = (await h.provider.logs(d, { limit: 100_000 })).filter((e) => e.stream !== 'platform').map((e) => e.message);
    const note = logged.findIndex((m) => /^\[FaaS Lab\] \d+ lines dropped/.test(m));
    assert.equal(logged[note - 1], `${keptLines(lines, 200) - 1} ${'y'.repeat(200)}`);
    assert.equal(logged[note + 1], 'second call');
    assert.equal(logged.filter((m) => m.includes('lines dropped')).length, 1);
  });

  test(`${language}: printing text that looks like the end marker does not end the call's output early`, async (t) => {
    const h = harness(t);
    const d = await h.deploy(file, 'printer', { file: path.join(__dirname, 'fixtures', file) });
    const forged = '[faaslab-end 000000000000000000000000 1]';
    const inv = await h.provider.invoke(d, { lines: 3, chars: 5, text: forged });
    assert.equal(inv.logs, ['0 yyyyy', '1 yyyyy', '2 yyyyy', forged].join('\n'));
  });
}

test('output a handler prints from a timer set before returning is in that call\'s logs', async (t) => {
  const h = harness(t);
  const d = await h.deploy('printer.js', 'printer', { file: path.join(__dirname, 'fixtures', 'printer.js') });
  for (let call = 0; call < 5; call++) {
    const inv = await h.provider.invoke(d, { lines: 1, chars: 3, late: `late ${call}` });
    assert.equal(inv.logs, `0 yyy\nlate ${call}`);
  }
});

test('a handler that silences stdout for good: the call ends at most 1.5 s after its answer, its logs saying the rest was cut', async (t) => {
  const h = harness(t);
  const d = await h.deploy('printer.js', 'printer', { file: path.join(__dirname, 'fixtures', 'printer.js') });
  const started = Date.now();
  const inv = await h.provider.invoke(d, { lines: 1, chars: 3, mute: true });
  const tookMs = Date.now() - started;
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.match(inv.logs ?? '', /^0 yyy\n\[FaaS Lab\] output after the answer was cut: the call's output did not end within 1500 ms of its answer/);
  assert.ok(tookMs >= 1_500 && tookMs < 5_000, `took ${tookMs} ms`);
});

test('a call that answered within its timeout is not a timeout while its last output lines are awaited', async (t) => {
  const h = harness(t);
  const d = await h.deploy('printer.js', 'printer', { file: path.join(__dirname, 'fixtures', 'printer.js'), timeoutS: 1 });
  await h.provider.invoke(d, { lines: 1, chars: 3 });
  // Answers at once, then its output never ends: the 1.5 s wait for it outlasts the 1 s timeout.
  const inv = await h.provider.invoke(d, { lines: 1, chars: 3, mute: true });
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  assert.match(inv.logs ?? '', /output after the answer was cut/);
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
