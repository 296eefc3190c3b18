// Keeps the context key `faasLab.interruptedRuns` (run.json Uris of runs that can be resumed) up to
// date, so the explorer offers "Resume Run" on exactly those run.json files.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { runsDirOf } from '../../providers/runs-dir';
import { features } from '../bundles';
import type { FaasLabContext } from '../context';
import { INTERRUPTED_RUNS_KEY, RUN_INFO_GLOB } from './run-keys';

const SETTLE_MS = 500;

export function registerInterruptedRunsContext(ctx: FaasLabContext): void {
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const runsDirs = (vscode.workspace.workspaceFolders ?? []).map((f) => runsDirOf(f.uri.fsPath)).filter((dir) => existsSync(dir));
    // No runs recorded yet: nothing to resume, and no need to load the runs code to say so.
    const files = runsDirs.length === 0 ? [] : await features().runFolders().interruptedRunFiles(runsDirs);
    const keys = Object.fromEntries(files.map((file) => [vscode.Uri.file(file).toString(), true]));
    await vscode.commands.executeCommand('setContext', INTERRUPTED_RUNS_KEY, keys);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), SETTLE_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(RUN_INFO_GLOB);
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
