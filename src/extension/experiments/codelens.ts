import * as vscode from 'vscode';
import type { FaasLabContext } from '../context';

/** "Run experiment" and "Latest results" at the top of every *.experiment.json. */
class ExperimentLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(play) Run experiment', command: 'faasLab.runExperiment', arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: '$(graph) Latest results', command: 'faasLab.openLatestResults', arguments: [document.uri] }),
    ];
  }
}

export function registerExperimentLens(ctx: FaasLabContext): void {
  ctx.extension.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/*.experiment.json' }, new ExperimentLensProvider()),
  );
}
