// The results explorer's command bodies and the restore of its panels (in the lazy bundle: they
// run once a command is called or VS Code restores a panel; results/register.ts registers them).
import * as vscode from 'vscode';
import { isResultsState } from '../../webviews/results/protocol';
import { runsDirOf } from '../../providers';
import type { FaasLabContext } from '../context';
import { exportRunCsv } from './export';
import { ResultsPanels, type ResultsPanel } from './panel';
import { pickRun, runDirFromArgument, runsDirFor } from './pick';
import { refusedRestore } from './restore';

const panelsByContext = new WeakMap<FaasLabContext, ResultsPanels>();

function panelsOf(ctx: FaasLabContext): ResultsPanels {
  let panels = panelsByContext.get(ctx);
  if (!panels) {
    panels = new ResultsPanels(ctx);
    panelsByContext.set(ctx, panels);
    ctx.extension.subscriptions.push({ dispose: () => panels?.dispose() });
  }
  return panels;
}

/**
 * Shows a run's results, reusing its panel when it is open. `live`: follow the run while it is
 * still recording (the experiment runner passes it when it starts a run).
 */
export function openResults(ctx: FaasLabContext, runDir: string, options: { live?: boolean } = {}): ResultsPanel {
  return panelsOf(ctx).show({ kind: 'run', runDir }, options);
}

/** The runs directory of every workspace folder, and the one runs are written to without a folder. */
function workspaceRunsDirs(ctx: FaasLabContext): string[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => runsDirOf(f.uri.fsPath));
  return [...new Set([...folders, runsDirFor(ctx)])];
}

export async function openResultsCommand(ctx: FaasLabContext, arg?: unknown): Promise<void> {
  const runDir = (await runDirFromArgument(ctx, arg)) ?? (await pickRun(ctx, 'Open the results of a run'));
  if (runDir) openResults(ctx, runDir);
}

export async function compareRuns(ctx: FaasLabContext, arg?: unknown, selected?: unknown): Promise<void> {
  // From the explorer with two run.json files selected, compare those (older one first).
  const chosen = Array.isArray(selected) && selected.length === 2 ? await Promise.all(selected.map((s: unknown) => runDirFromArgument(ctx, s))) : [];
  let [before, after] = chosen.length === 2 ? chosen.sort() : [await runDirFromArgument(ctx, arg), undefined];
  before ??= await pickRun(ctx, 'Compare runs: the run before (1/2)');
  if (!before) return;
  after ??= await pickRun(ctx, 'Compare runs: the run after (2/2)', before);
  if (!after) return;
  panelsOf(ctx).show({ kind: 'comparison', before, after });
}

export async function exportCsv(ctx: FaasLabContext, arg?: unknown): Promise<void> {
  const runDir = (await runDirFromArgument(ctx, arg)) ?? (await pickRun(ctx, 'Export a run as CSV'));
  if (runDir) await exportRunCsv(runDir);
}

/** A results panel VS Code restores after a reload, from the state its page saved. */
export function restorePanel(ctx: FaasLabContext, panel: vscode.WebviewPanel, state: unknown): void {
  if (!isResultsState(state)) {
    // Saved by another version or damaged: nothing to restore it from.
    panel.dispose();
    return;
  }
  const refused = refusedRestore(state.source, workspaceRunsDirs(ctx));
  if (refused) {
    panel.dispose();
    ctx.output.appendLine(refused);
    void vscode.window.showWarningMessage(refused);
    return;
  }
  panelsOf(ctx).adopt(panel, state.source, state.live);
}
