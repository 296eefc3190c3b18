import * as vscode from 'vscode';
import type { FaasLabContext } from './context';
import { functionsInDocument, toRange } from './functions';

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'python' },
];

/** Deploy / Invoke lenses above every annotated handler. */
class HandlerLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return functionsInDocument(document).functions.flatMap((spec) => {
      const range = toRange(spec.range);
      const where = spec.platforms.length === 1 ? ` (${spec.platforms[0]})` : '';
      return [
        new vscode.CodeLens(range, { title: `$(cloud-upload) Deploy${where}`, command: 'faasLab.deploy', arguments: [spec], tooltip: `Package ${spec.name} and deploy it if its code changed` }),
        new vscode.CodeLens(range, { title: '$(play) Invoke', command: 'faasLab.invoke', arguments: [spec], tooltip: `Call ${spec.name} with a payload (deploys first if the code changed)` }),
        new vscode.CodeLens(range, { title: '$(beaker) Experiment', command: 'faasLab.openExperimentForHandler', arguments: [spec], tooltip: `Open ${spec.name}'s experiment file (one is created if there is none)` }),
      ];
    });
  }
}

export function registerCodeLens(ctx: FaasLabContext): void {
  const provider = new HandlerLensProvider();
  ctx.extension.subscriptions.push(
    vscode.languages.registerCodeLensProvider(SELECTOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('faasLab') && provider.refresh()),
  );
}
