// A run whose process is killed (SIGKILL: no chance to write how it ended) is listed as
// interrupted with the calls it recorded and the command that finishes it, and that command works.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';

const repo = path.resolve(__dirname, '../../..');
const root = mkdtempSync(path.join(tmpdir(), 'faaslab-killed-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTTY: false };
  const code = await runCli(argv, io, new AbortController().signal);
  return { code, out, err };
}

function recordedLines(): number {
  const experimentDir = path.join(root, '.faaslab/runs/killed');
  if (!existsSync(experimentDir)) return 0;
  const [run] = readdirSync(experimentDir);
  // The experiment's folder is made a moment before its run's folder.
  if (run === undefined) return 0;
  const file = path.join(experimentDir, run, 'invocations.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a run killed with SIGKILL leaves no process behind, is listed as interrupted with its recorded count, and the printed resume command finishes it', { timeout: 120_000 }, async () => {
  writeFileSync(path.join(root, 'slow.js'), '// @faas\nexport async function slow(request, context) {\n  await new Promise((r) => setTimeout(r, 150));\n  return { ok: true };\n}\n');
  const experiment = path.join(root, 'killed.experiment.json');
  writeFileSync(experiment, JSON.stringify({ function: 'slow', source: 'slow.js', platform: 'local', runs: 30, threads: 1 }));
  // Its own process group, so the test can tell whether anything it started outlives it.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'src/cli/main.ts'), 'run', experiment, '--root', root], {
    cwd: repo,
    detached: true,
    stdio: 'ignore',
  });
  try {
    while (recordedLines() < 3) {
      assert.equal(child.exitCode, null, 'the run ended before it could be killed');
      await sleep(50);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The function instances it started notice their parent is gone and exit: no orphans.
    for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await sleep(100);
    assert.equal(groupAlive(child.pid!), false, 'a function instance of the killed run is still running (orphan)');
    const recorded = recordedLines();
    assert.ok(recorded >= 3 && recorded < 30, `recorded ${recorded}`);

    const listed = await cli('runs', '--root', root);
    assert.equal(listed.code, 0, listed.err);
    const [line, hint] = listed.out.trim().split('\n');
    assert.match(line, new RegExp(`^killed/\\S+ +interrupted +${recorded}/30 calls +local$`));
    const resume = /finish it with: (faas-lab run .*)$/.exec(hint)?.[1];
    assert.ok(resume, hint);
    const json = JSON.parse((await cli('runs', '--json', '--root', root)).out);
    assert.deepEqual([json[0].status, json[0].counts.recorded], ['interrupted', recorded]);

    // The printed command, run as it is, makes the missing calls only.
    const args = resume.replace(/^faas-lab /, '').split(' ');
    const resumed = await cli(...args);
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal(recordedLines(), 30);
    const done = await cli('runs', '--root', root);
    assert.match(done.out, /completed +30\/30 calls/);
  } finally {
    if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  }
});
