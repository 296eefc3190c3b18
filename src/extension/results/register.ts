// The results explorer's commands and its panel serializer (panels come back after a reload).
import * as vscode from 'vscode';
import { isResultsState, RESULTS_VIEW_TYPE } from '../../webviews/results/protocol';
import { runsDirOf } from '../../providers';
import { registerCommand } from '../commands/register';
import type { FaasLabContext } from '../context';
import { exportRunCsv } from './export';
import { loadExtensionBundle } from '../bundles';
import type { ResultsPanel, ResultsPanels } from './panel';
import { pickRun, runDirFromArgument, runsDirFor } from './pick';
import { refusedRestore } from './restore';

const panelsByContext = new WeakMap<FaasLabContext, ResultsPanels>();

function panelsOf(ctx: FaasLabContext): ResultsPanels {
  let panels = panelsByContext.get(ctx);
  if (!panels) {
    // The panel host and the view shaping behind it are a lazy bundle: loaded when a panel first opens.
    const { ResultsPanels: Panels } = loadExtensionBundle<typeof import('../lazy-features')>('features').resultsPanel();
    panels = new Panels(ctx);
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

export function registerResults(ctx: FaasLabContext): void {
  registerCommand(ctx, 'faasLab.openResults', async (arg?: unknown) => {
    const runDir = (await runDirFromArgument(ctx, arg)) ?? (await pickRun(ctx, 'Open the results of a run'));
    if (runDir) openResults(ctx, runDir);
  });

  registerCommand(ctx, 'faasLab.compareRuns', async (arg?: unknown, selected?: unknown) => {
    // From the explorer with two run.json files selected, compare those (older one first).
    const chosen = Array.isArray(selected) && selected.length === 2 ? await Promise.all(selected.map((s: unknown) => runDirFromArgument(ctx, s))) : [];
    let [before, after] = chosen.length === 2 ? chosen.sort() : [await runDirFromArgument(ctx, arg), undefined];
    before ??= await pickRun(ctx, 'Compare runs: the run before (1/2)');
    if (!before) return;
    after ??= await pickRun(ctx, 'Compare runs: the run after (2/2)', before);
    if (!after) return;
    panelsOf(ctx).show({ kind: 'comparison', before, after });
  });

  registerCommand(ctx, 'faasLab.exportCsv', async (arg?: unknown) => {
    const runDir = (await runDirFromArgument(ctx, arg)) ?? (await pickRun(ctx, 'Export a run as CSV'));
    if (runDir) await exportRunCsv(runDir);
  });

  ctx.extension.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
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
      },
    }),
  );
}
