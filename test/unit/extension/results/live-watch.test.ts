// The live follow of a running run (src/extension/results/watch.ts has no vscode import).
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { watchRun } from '../../../../src/extension/results/watch';

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test('watchRun: a call per change of the run’s files, never two at once, none after dispose', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-watch-'));
  writeFileSync(path.join(dir, 'run.json'), '{"status":"running"}');
  let calls = 0;
  let running = 0;
  let overlapped = false;
  const watcher = watchRun(
    dir,
    async () => {
      calls++;
      running++;
      if (running > 1) overlapped = true;
      await sleep(50);
      running--;
    },
    20,
  );
  try {
    await sleep(100);
    assert.equal(calls, 0, 'nothing changed yet');
    appendFileSync(path.join(dir, 'invocations.jsonl'), '{"seq":0}\n');
    await until(() => calls === 1, 'the append');
    // The store rewrites run.json by rename at the end of a run.
    writeFileSync(path.join(dir, 'run.json.tmp'), '{"status":"completed","endedAt":"2026-11-23T10:00:00Z"}');
    renameSync(path.join(dir, 'run.json.tmp'), path.join(dir, 'run.json'));
    await until(() => calls === 2, 'the rename');
    assert.equal(overlapped, false);
  } finally {
    watcher.dispose();
  }
  appendFileSync(path.join(dir, 'invocations.jsonl'), '{"seq":1}\n');
  await sleep(150);
  assert.equal(calls, 2, 'disposed: no more calls');
  rmSync(dir, { recursive: true, force: true });
});
