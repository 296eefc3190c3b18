// The results explorer's commands and its panel serializer (panels come back after a reload); their
// bodies, the panels and the runs they read load on first use (results/commands.ts, lazy bundle).
import * as vscode from 'vscode';
import { RESULTS_VIEW_TYPE } from '../view-types';
import { features } from '../bundles';
import { registerCommand } from '../commands/register';
import type { FaasLabContext } from '../context';

/**
 * Shows a run's results, reusing its panel when it is open. `live`: follow the run while it is
 * still recording (the experiment runner passes it when it starts a run).
 */
export function openResults(ctx: FaasLabContext, runDir: string, options: { live?: boolean } = {}): void {
  features().results().openResults(ctx, runDir, options);
}

export function registerResults(ctx: FaasLabContext): void {
  registerCommand(ctx, 'faasLab.openResults', (arg?: unknown) => features().results().openResultsCommand(ctx, arg));
  registerCommand(ctx, 'faasLab.compareRuns', (arg?: unknown, selected?: unknown) => features().results().compareRuns(ctx, arg, selected));
  registerCommand(ctx, 'faasLab.exportCsv', (arg?: unknown) => features().results().exportCsv(ctx, arg));
  ctx.extension.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        features().results().restorePanel(ctx, panel, state);
      },
    }),
  );
}
