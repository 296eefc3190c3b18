import assert from 'node:assert/strict';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { AppendQueue } from '../../../../src/core/results/append-queue';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-append-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('lines appended together land in append order, each in the file when its append resolves', async () => {
  const file = path.join(work, 'order.jsonl');
  const queue = new AppendQueue(openSync(file, 'a'));
  const missing: number[] = [];
  const appends = Array.from({ length: 500 }, (_, i) =>
    queue.append(`line ${i}\n`).then(() => {
      if (!readFileSync(file, 'utf8').includes(`line ${i}\n`)) missing.push(i);
    }),
  );
  await Promise.all(appends);
  await queue.close();
  assert.deepEqual(missing, []);
  assert.equal(readFileSync(file, 'utf8'), Array.from({ length: 500 }, (_, i) => `line ${i}\n`).join(''));
});

test('close writes the lines still queued; appending after close is refused', async () => {
  const file = path.join(work, 'close.jsonl');
  const queue = new AppendQueue(openSync(file, 'a'));
  const pending = [queue.append('a\n'), queue.append('b\n')];
  await queue.close();
  await Promise.all(pending);
  assert.equal(readFileSync(file, 'utf8'), 'a\nb\n');
  await assert.rejects(queue.append('c\n'), /closed/);
});

test('a failed write rejects its appends and every later one with the error, and writes nothing more', async () => {
  const file = path.join(work, 'read-only.jsonl');
  writeFileSync(file, '');
  const queue = new AppendQueue(openSync(file, 'r'));
  const first = await Promise.allSettled([queue.append('a\n'), queue.append('b\n')]);
  assert.deepEqual(
    first.map((r) => r.status === 'rejected' && (r.reason as NodeJS.ErrnoException).code),
    ['EBADF', 'EBADF'],
  );
  await assert.rejects(queue.append('c\n'), { code: 'EBADF' });
  await queue.close();
  assert.equal(readFileSync(file, 'utf8'), '');
});

test('writes start at most once per batch window: a line after a quiet spell goes at once, the next waits for the window, hurry and close cut it short', async () => {
  const file = path.join(work, 'window.jsonl');
  // A window no test waits out: whatever is written early was written because it had to be.
  const queue = new AppendQueue(openSync(file, 'a'), 1000, 60_000);
  await queue.append('first\n');
  assert.equal(readFileSync(file, 'utf8'), 'first\n');
  let secondWritten = false;
  const second = queue.append('second\n').then(() => (secondWritten = true));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(secondWritten, false, 'held for the window');
  assert.equal(readFileSync(file, 'utf8'), 'first\n');
  queue.hurry();
  await second;
  assert.equal(readFileSync(file, 'utf8'), 'first\nsecond\n');
  const third = queue.append('third\n');
  await new Promise((r) => setTimeout(r, 50));
  await queue.close();
  await third;
  assert.equal(readFileSync(file, 'utf8'), 'first\nsecond\nthird\n');
});
