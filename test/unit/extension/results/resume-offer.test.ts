// The results explorer offers "Resume run" on exactly the runs that can be resumed: a cancelled run,
// or one whose run.json says running while its process is gone; never a completed run or one a live
// process is still writing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { emptyCounts } from '../../../../src/core/results/run-info';
import { createRun } from '../../../../src/core/results/store';
import { loadRun } from '../../../../src/extension/results/load';
import { isMessageToHost } from '../../../../src/webviews/results/protocol';

const runsDir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-resume-offer-'));
after(() => rmSync(runsDir, { recursive: true, force: true }));

async function run(status: 'completed' | 'cancelled' | 'running', ownerPid?: number): Promise<string> {
  const { spec } = parseExperiment('/x/offer.experiment.json', '{"function": "hello", "runs": 3, "threads": 1}');
  assert.ok(spec);
  const writer = await createRun({ runsDir, spec, planned: 3 });
  if (status === 'running') await writer.close();
  else await writer.finish(status, emptyCounts(3));
  if (ownerPid !== undefined) {
    const file = path.join(writer.runDir, 'run.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), owner: { pid: ownerPid, hostname: os.hostname() } }));
  }
  return writer.runDir;
}

async function offered(runDir: string): Promise<boolean> {
  const { message } = await loadRun(runDir, false);
  assert.equal(message.type, 'showRun');
  return message.type === 'showRun' && message.view.resumable === true;
}

test('cancelled and orphaned runs offer Resume run; completed and live ones do not', async () => {
  assert.equal(await offered(await run('cancelled')), true, 'cancelled');
  assert.equal(await offered(await run('completed')), false, 'completed');
  assert.equal(await offered(await run('running', process.pid)), false, 'still written by a live process');
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  assert.equal(await offered(await run('running', gone)), true, 'its process was killed');
});

test('the webview may ask to resume the shown run, naming no path', () => {
  assert.equal(isMessageToHost({ type: 'resumeRun' }), true);
});
