// `faas-lab run`: the shared experiment-file flow seen from the command line — deploy lines and
// the report, and --resume finishing a cancelled run without repeating a call.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';
import { runExperimentFile } from '../../../src/core/experiment/run-file';
import { readRun } from '../../../src/core/results/store';
import { createProviders, runsDirOf } from '../../../src/providers';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-cli-run-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTTY: false };
  const code = await runCli([...argv, '--root', root], io, new AbortController().signal);
  return { code, out, err };
}

writeFileSync(path.join(root, 'echo.js'), '// @faas memory=128 timeout=10\nexport async function echo(request) { return request; }\n');
const file = path.join(root, 'echo.experiment.json');
writeFileSync(file, JSON.stringify({ experimentName: 'echo', function: 'echo', source: 'echo.js', platform: 'local', payloads: [{ n: 1 }], memorySettings: [128, 256], runs: 10, threads: 2 }));

test('run deploys the handler, says so, and prints the report and the run folder', async () => {
  const r = await cli('run', file);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^echo on local: deployed$/m);
  assert.match(r.out, /Run folder: /);
  const again = await cli('run', file, '--json');
  assert.equal(again.code, 0, again.err);
  const json = JSON.parse(again.out);
  assert.equal(json.status, 'completed');
  assert.equal(json.counts.recorded, 20);
  assert.equal(json.summary.counts.records, 20);
});

test('--resume finishes a cancelled run: every call once, as many as a whole run', async () => {
  const providers = createProviders({ root, local: { cpuScaling: false } });
  const controller = new AbortController();
  const cancelled = await runExperimentFile({ file, providers, runsDir: runsDirOf(root), signal: controller.signal, onProgress: (p) => p.done >= 5 && controller.abort() });
  await providers.dispose();
  assert.equal(cancelled.status, 'cancelled');

  const r = await cli('run', file, '--resume', path.relative(runsDirOf(root), cancelled.runDir), '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).runDir, cancelled.runDir);
  const { records, info } = await readRun(cancelled.runDir);
  assert.deepEqual(records.map((x) => x.seq).sort((a, b) => a - b), [...Array(20).keys()]);
  assert.equal(info.status, 'completed');
});
