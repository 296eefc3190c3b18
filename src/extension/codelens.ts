import * as vscode from 'vscode';
import type { FaasLabContext } from './context';
import { functionsInDocument, toRange } from './functions';
import { JUPYTER_NOTEBOOK, type OpenNotebooks } from './notebooks/open';

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'python' },
  // The Python cells of a Jupyter notebook (FaaSET's @cloud_function workflow).
  { notebookType: JUPYTER_NOTEBOOK, language: 'python' },
];

/** Deploy / Invoke lenses above every annotated handler. */
class HandlerLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly notebooks: OpenNotebooks) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const functions = (this.notebooks.ofCell(document) ?? functionsInDocument(document)).functions;
    return functions.flatMap((spec) => {
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

export function registerCodeLens(ctx: FaasLabContext, notebooks: OpenNotebooks): void {
  const provider = new HandlerLensProvider(notebooks);
  ctx.extension.subscriptions.push(
    vscode.languages.registerCodeLensProvider(SELECTOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('faasLab') && provider.refresh()),
    // An edit in one cell can change another's lenses (a function name now used twice).
    vscode.workspace.onDidChangeNotebookDocument(() => provider.refresh()),
  );
}
