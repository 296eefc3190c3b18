// jsonc-parser edits (offsets into the text they were computed on) -> one VS Code WorkspaceEdit,
// so the change lands on the document's own undo stack like typing would.
import type { Edit } from 'jsonc-parser';
import * as vscode from 'vscode';

/** Call with the document unchanged since the edits were computed from its getText(). */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly Edit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const range = new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length));
    workspaceEdit.replace(document.uri, range, e.content);
  }
  return workspaceEdit;
}
