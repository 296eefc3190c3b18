import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import type { FaasLabContext } from './context';
import { functionsInDocument, toRange } from './functions';

/**
 * Keeps one diagnostics collection current as documents open, change and close. `problemsOf`
 * returns undefined for documents it does not check.
 */
export function registerProblemDiagnostics(ctx: FaasLabContext, name: string, problemsOf: (document: vscode.TextDocument) => Problem[] | undefined): void {
  const collection = vscode.languages.createDiagnosticCollection(name);
  const update = (document: vscode.TextDocument) => {
    const problems = problemsOf(document);
    if (problems) collection.set(document.uri, problems.map(toDiagnostic));
  };
  vscode.workspace.textDocuments.forEach(update);
  ctx.extension.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => update(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
  );
}

function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'FaaS Lab';
  return d;
}

/** Annotation problems in handler files, as the user types. */
export function registerDiagnostics(ctx: FaasLabContext): void {
  registerProblemDiagnostics(ctx, 'faas-lab', (document) => functionsInDocument(document).problems);
}
