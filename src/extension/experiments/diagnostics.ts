import * as vscode from 'vscode';
import { parseExperiment } from '../../core/experiment';
import type { FaasLabContext } from '../context';
import { toRange } from '../functions';
import { isExperimentFile } from './files';

/**
 * FaaS Lab's own checks of experiment files (beyond the JSON schema): cross-field rules and
 * FaaS Runner keys, positioned, as the user types.
 */
export function registerExperimentDiagnostics(ctx: FaasLabContext): void {
  const collection = vscode.languages.createDiagnosticCollection('faas-lab-experiments');
  const update = (document: vscode.TextDocument) => {
    if (!isExperimentFile(document.uri)) return;
    const { problems } = parseExperiment(document.uri.fsPath, document.getText());
    collection.set(
      document.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'FaaS Lab';
        return d;
      }),
    );
  };
  vscode.workspace.textDocuments.forEach(update);
  ctx.extension.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => update(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
  );
}
