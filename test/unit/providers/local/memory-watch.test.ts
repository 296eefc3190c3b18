// The memory watch's reading of /proc and its pace: RSS from statm agrees with what the process
// itself reports, and many busy instances are each sampled less often.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MEMORY_POLL_MS, MemoryWatch, memoryPollMs, readPeakMB, readRssMB } from '../../../../src/providers/local/memory-watch';

const linux = process.platform === 'linux';

test('statm’s RSS is the process’s own resident set size, and the peak is at least that', { skip: !linux && 'needs /proc' }, () => {
  const own = process.memoryUsage().rss / 1024 / 1024;
  const rss = readRssMB(process.pid)!;
  assert.ok(Math.abs(rss - own) < Math.max(8, own * 0.1), `statm ${rss} MB, process ${own.toFixed(1)} MB`);
  assert.ok(readPeakMB(process.pid)! >= rss - 1);
  assert.equal(readRssMB(2 ** 22 + 1), undefined, 'no such process');
});

test('the poll interval grows with the number of busy instances', () => {
  assert.equal(memoryPollMs(1), MEMORY_POLL_MS);
  assert.equal(memoryPollMs(200), 100);
  assert.ok(memoryPollMs(400) > memoryPollMs(200));
});

test('a process over its limit is reported once, with its RSS', { skip: !linux && 'needs /proc' }, async () => {
  const watch = new MemoryWatch();
  const over: number[] = [];
  const unwatch = watch.watch({ pid: process.pid }, 1, (rssMB) => over.push(rssMB));
  await new Promise((r) => setTimeout(r, MEMORY_POLL_MS * 4));
  unwatch();
  assert.equal(over.length, 1);
  assert.ok(over[0] > 1);
});
