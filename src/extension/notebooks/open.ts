// Jupyter notebooks open in VS Code's notebook editor: which notebook and cell a cell document is,
// and that cell's FaaSET functions and problems from one cached parse of the whole notebook.
import * as vscode from 'vscode';
import { cellPart, NotebookParseCache, type NotebookParse, type OpenCell } from './cells';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';
export const JUPYTER_NOTEBOOK = 'jupyter-notebook';

/** Saved Jupyter notebooks only: a deploy reads the notebook from disk, an untitled one has no file yet. */
function isDeployableNotebook(notebook: vscode.NotebookDocument): boolean {
  return notebook.notebookType === JUPYTER_NOTEBOOK && notebook.uri.scheme === 'file';
}

function openCell(cell: vscode.NotebookCell): OpenCell {
  return { index: cell.index, kind: cell.kind === vscode.NotebookCellKind.Code ? 'code' : 'markup', languageId: cell.document.languageId, text: cell.document.getText() };
}

/** Changes with any cell's text as well as with the notebook's own structure. */
function versionOf(notebook: vscode.NotebookDocument): string {
  return `${notebook.version}:${notebook.getCells().map((c) => c.document.version).join(',')}`;
}

export class OpenNotebooks {
  private readonly cache = new NotebookParseCache();

  /** The notebook and cell of a cell document; undefined for any other document. */
  cellOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; index: number } | undefined {
    if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
    const uri = document.uri.toString();
    for (const notebook of vscode.workspace.notebookDocuments) {
      if (!isDeployableNotebook(notebook)) continue;
      const cell = notebook.getCells().find((c) => c.document.uri.toString() === uri);
      if (cell) return { notebook, index: cell.index };
    }
    return undefined;
  }

  /** The notebook's functions and problems; undefined for a notebook FaaS Lab does not read. */
  parse(notebook: vscode.NotebookDocument): NotebookParse | undefined {
    if (!isDeployableNotebook(notebook)) return undefined;
    return this.cache.get(notebook.uri.fsPath, versionOf(notebook), () => notebook.getCells().map(openCell));
  }

  /** A cell document's part of its notebook; undefined when the document is not such a cell. */
  ofCell(document: vscode.TextDocument): NotebookParse | undefined {
    const where = this.cellOf(document);
    const parse = where && this.parse(where.notebook);
    return parse && where && cellPart(parse, where.index);
  }

  forget(notebook: vscode.NotebookDocument): void {
    this.cache.forget(notebook.uri.fsPath);
  }
}
