// Keeps the context key `faasLab.interruptedRuns` (run.json Uris of runs that can be resumed) up to
// date, so the explorer offers "Resume Run" on exactly those run.json files.
import * as vscode from 'vscode';
import { RUN_INFO_FILE } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import type { FaasLabContext } from '../context';
import { INTERRUPTED_RUNS_KEY, interruptedRuns } from './run-folders';

const SETTLE_MS = 500;

export function registerInterruptedRunsContext(ctx: FaasLabContext): void {
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const roots = vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath) ?? [];
    const runs = (await Promise.all(roots.map((root) => interruptedRuns(runsDirOf(root)).catch(() => [])))).flat();
    const keys = Object.fromEntries(runs.map((r) => [vscode.Uri.joinPath(vscode.Uri.file(r.runDir), RUN_INFO_FILE).toString(), true]));
    await vscode.commands.executeCommand('setContext', INTERRUPTED_RUNS_KEY, keys);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), SETTLE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/.faaslab/runs/*/*/${RUN_INFO_FILE}`);
  ctx.extension.subscriptions.push(
    watcher,
    watcher.onDidCreate(schedule),
    watcher.onDidChange(schedule),
    watcher.onDidDelete(schedule),
    // A killed process leaves its files as they were: look again when the user comes back.
    vscode.window.onDidChangeWindowState((s) => s.focused && schedule()),
    vscode.workspace.onDidChangeWorkspaceFolders(schedule),
    { dispose: () => clearTimeout(timer) },
  );
  schedule();
}
