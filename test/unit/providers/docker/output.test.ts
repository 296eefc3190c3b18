// On the real Docker engine, a call's output travels by the attach stream, apart from its answer:
// the call still holds all of it (up to the 4 MB cap, then the dropped-lines note), including what
// a timer printed after the answer, and printed text cannot forge the end of its output.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { assertCappedLogs, keptLines } from '../shared/output-expect';
import { harness } from './harness';

const FIXTURES = path.join(__dirname, '..', 'local', 'fixtures');

for (const [language, file] of [
  ['Node', 'printer.js'],
  ['Python', 'printer.py'],
] as const) {
  test(`${language} on Docker: a call printing 6 MB holds its first 4 MB of lines and the dropped-lines note; the next call holds none of it`, async (t) => {
    const h = await harness(t);
    if (!h) return;
    const d = await h.deploy(file, 'printer', { file: path.join(FIXTURES, file), name: h.unique(`printer-${language.toLowerCase()}`), memoryMB: 1024 });
    const lines = 30_000;
    const inv = await h.provider.invoke(d, { lines, chars: 200 });
    assertCappedLogs(inv, lines, 200);
    const forged = '[faaslab-end 000000000000000000000000 2]';
    const next = await h.provider.invoke(d, { lines: 0, text: forged });
    assert.equal(next.status, 'ok', JSON.stringify(next.error));
    assert.equal(next.logs, forged, 'the next call holds only its own output, the marker-looking text included');
    const logged = (await h.provider.logs(d, { limit: 100_000 })).filter((e) => e.stream !== 'platform').map((e) => e.message);
    const note = logged.findIndex((m) => /^\[FaaS Lab\] \d+ lines dropped/.test(m));
    assert.equal(logged[note - 1], `${keptLines(lines, 200) - 1} ${'y'.repeat(200)}`);
    assert.equal(logged[note + 1], forged);
  });
}

test('Node on Docker: output a handler prints from a timer set before returning is in that call\'s logs', async (t) => {
  const h = await harness(t);
  if (!h) return;
  const { provider } = h;
  const d = await h.deploy('printer.js', 'printer', { file: path.join(FIXTURES, 'printer.js') });
  for (let call = 0; call < 3; call++) {
    const inv = await provider.invoke(d, { lines: 1, chars: 3, late: `late ${call}` });
    assert.equal(inv.logs, `0 yyy\nlate ${call}`);
  }
});
