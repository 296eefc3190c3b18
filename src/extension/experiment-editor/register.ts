// The experiment editor: a form over *.experiment.json files, offered beside the text editor
// ("Open With…", the editor title button, or the command) rather than replacing it.
import * as vscode from 'vscode';
import { UserError } from '../../core/model';
import { EXPERIMENT_EDITOR_VIEW_TYPE } from '../view-types';
import { registerCommand } from '../commands/register';
import type { FaasLabContext } from '../context';
import { isExperimentFile } from '../experiments/files';
import { features } from '../bundles';

class ExperimentEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly ctx: FaasLabContext) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    // The editor's host is a lazy bundle, loaded when the first experiment editor opens.
    const { ExperimentEditor } = features().experimentEditor();
    new ExperimentEditor(this.ctx, document, panel);
  }
}

export function registerExperimentEditor(ctx: FaasLabContext): void {
  ctx.extension.subscriptions.push(
    vscode.window.registerCustomEditorProvider(EXPERIMENT_EDITOR_VIEW_TYPE, new ExperimentEditorProvider(ctx), {
      // The page restores itself from its saved state; keeping hidden webviews alive costs memory.
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    }),
  );
  registerCommand(ctx, 'faasLab.openExperimentEditor', async (target?: vscode.Uri) => {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !isExperimentFile(uri)) {
      throw new UserError('The experiment editor opens *.experiment.json files: open one, then run "FaaS Lab: Open in Experiment Editor" again');
    }
    await vscode.commands.executeCommand('vscode.openWith', uri, EXPERIMENT_EDITOR_VIEW_TYPE);
  });
}
