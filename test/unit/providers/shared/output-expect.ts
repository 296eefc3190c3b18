// What a call's logs must hold after the printer fixture printed `lines` lines of `chars` characters:
// the first lines up to the per-call cap, then the "N lines dropped" note with the exact N.
import assert from 'node:assert/strict';
import type { Invocation } from '../../../../src/core/model';
import { MAX_CALL_OUTPUT_CHARS } from '../../../../src/providers/shared/call-output';

/** How many of the printer's lines the cap keeps. */
export function keptLines(lines: number, chars: number): number {
  let total = 0;
  for (let i = 0; i < lines; i++) {
    total += `${i} `.length + chars;
    if (total > MAX_CALL_OUTPUT_CHARS) return i;
  }
  return lines;
}

/** The call's logs hold exactly the kept lines, in order, then the dropped-lines note. */
export function assertCappedLogs(inv: Invocation, lines: number, chars: number): void {
  assert.equal(inv.status, 'ok', JSON.stringify(inv.error));
  const logged = (inv.logs ?? '').split('\n');
  const printed = logged.filter((l) => /^\d+ y+$/.test(l));
  const kept = keptLines(lines, chars);
  assert.equal(printed.length, kept, `the call's logs keep the first ${kept} lines`);
  assert.ok(printed.every((l, i) => l.startsWith(`${i} `)), 'the first lines, in order');
  assert.match(logged.at(-1) ?? '', new RegExp(`^\\[FaaS Lab\\] ${lines - kept} lines dropped: the call printed more than the 4 MB`));
  assert.ok(!logged.some((l) => l.includes('[faaslab-end')), 'no end marker in the logs');
  assert.ok(!logged.some((l) => l.includes('output after the answer was cut')), 'both end markers arrived in time');
}
