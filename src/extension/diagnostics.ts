import * as vscode from 'vscode';
import type { Problem } from '../core/model';
import type { FaasLabContext } from './context';
import { functionsInDocument, toRange } from './functions';
import { NOTEBOOK_CELL_SCHEME, type OpenNotebooks } from './notebooks/open';

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

/** Annotation problems in handler files and notebook cells, as the user types. */
export function registerDiagnostics(ctx: FaasLabContext, notebooks: OpenNotebooks): void {
  registerProblemDiagnostics(ctx, 'faas-lab', (document) => (document.uri.scheme === NOTEBOOK_CELL_SCHEME ? undefined : functionsInDocument(document).problems));
  registerNotebookDiagnostics(ctx, notebooks);
}

/**
 * Every cell of a notebook at once: a change in one cell can move a problem into another (a name
 * used twice is reported in the later cell), and one parse serves them all.
 */
function registerNotebookDiagnostics(ctx: FaasLabContext, notebooks: OpenNotebooks): void {
  const collection = vscode.languages.createDiagnosticCollection('faas-lab-notebooks');
  const update = (notebook: vscode.NotebookDocument) => {
    const parse = notebooks.parse(notebook);
    if (!parse) return;
    for (const cell of notebook.getCells()) {
      collection.set(cell.document.uri, parse.problems.filter((p) => p.cell === cell.index).map(toDiagnostic));
    }
  };
  vscode.workspace.notebookDocuments.forEach(update);
  ctx.extension.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenNotebookDocument(update),
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      for (const removed of e.contentChanges.flatMap((c) => c.removedCells)) collection.delete(removed.document.uri);
      update(e.notebook);
    }),
    // Cell text changes also arrive as text document changes; the parse cache makes the second one free.
    vscode.workspace.onDidChangeTextDocument((e) => {
      const where = notebooks.cellOf(e.document);
      if (where) update(where.notebook);
    }),
    vscode.workspace.onDidCloseNotebookDocument((notebook) => {
      for (const cell of notebook.getCells()) collection.delete(cell.document.uri);
      notebooks.forget(notebook);
    }),
  );
}
