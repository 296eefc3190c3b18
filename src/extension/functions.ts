import * as vscode from 'vscode';
import { languageOf, mayContainAnnotations, parseAnnotations } from '../core/annotations';
import type { FunctionSpec, Problem } from '../core/model';

/** Annotated handlers of an open document (its current text, saved or not). */
export function functionsInDocument(document: vscode.TextDocument): { functions: FunctionSpec[]; problems: Problem[] } {
  if (document.uri.scheme !== 'file' || !languageOf(document.uri.fsPath)) return { functions: [], problems: [] };
  const text = document.getText();
  if (!mayContainAnnotations(text)) return { functions: [], problems: [] };
  return parseAnnotations(document.uri.fsPath, text);
}

export function toRange(r: FunctionSpec['range']): vscode.Range {
  return new vscode.Range(r.startLine, r.startCol, r.endLine, r.endCol);
}
