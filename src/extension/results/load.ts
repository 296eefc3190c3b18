// Reads run folders and shapes them for the webview. No vscode: the panel decides when to call.
import { isInterrupted } from '../../core/experiment/run-owner';
import { readRun } from '../../core/results/store';
import { shapeComparison } from '../../core/results/view/compare';
import type { MessageToWebview } from '../../webviews/results/protocol';
import type { ResponseFilter } from '../../core/results/view/response';
import { shapeRun, type RunData } from '../../core/results/view/shape';

interface LoadedRun {
  message: MessageToWebview;
  /** run.json says the run is still writing records. */
  running: boolean;
}

async function runData(runDir: string): Promise<RunData & { running: boolean; resumable: boolean }> {
  const { info, records, problems } = await readRun(runDir);
  return { runDir, info, records, problems, running: info.status === 'running', resumable: isInterrupted(info.status, info.owner) };
}

export async function loadRun(runDir: string, live: boolean, filter?: ResponseFilter): Promise<LoadedRun> {
  const data = await runData(runDir);
  const view = shapeRun(data, { live: live && data.running, filter });
  // A run still being written by a live process is not offered for resuming.
  if (data.resumable) view.resumable = true;
  return { message: { type: 'showRun', view }, running: data.running && !data.resumable };
}

export async function loadComparison(before: string, after: string): Promise<LoadedRun> {
  const [a, b] = await Promise.all([runData(before), runData(after)]);
  return { message: { type: 'showComparison', view: shapeComparison(a, b) }, running: false };
}
