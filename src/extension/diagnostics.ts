import * as vscode from 'vscode';
import type { FaasLabContext } from './context';
import { functionsInDocument, toRange } from './functions';

/** Annotation problems as editor diagnostics, kept current as the user types. */
export function registerDiagnostics(ctx: FaasLabContext): void {
  const collection = vscode.languages.createDiagnosticCollection('faas-lab');
  const update = (document: vscode.TextDocument) => {
    const { problems } = functionsInDocument(document);
    collection.set(
      document.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          toRange(p.range),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
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
