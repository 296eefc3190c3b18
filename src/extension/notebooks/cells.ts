// The notebook side of CodeLens and diagnostics without VS Code: an open notebook's cells (as the
// editor holds them, saved or not) -> the core notebook parser's functions and problems, split by
// cell, parsed once per notebook change however many cell documents ask.
import { parseNotebook, type NotebookFunctionSpec, type NotebookProblem } from '../../core/annotations/notebook';

/** One cell of an open notebook, 0-based `index` over all cells, markdown included. */
export interface OpenCell {
  index: number;
  kind: 'code' | 'markup';
  languageId: string;
  text: string;
}

export interface NotebookParse {
  functions: NotebookFunctionSpec[];
  problems: NotebookProblem[];
}

/**
 * The cells as nbformat 4 text, so the one notebook parser (magics, cell magics, non-Python cells)
 * reads the editor's unsaved cells exactly as it reads the file on disk.
 */
export function notebookText(cells: readonly OpenCell[]): string {
  const ordered = [...cells].sort((a, b) => a.index - b.index);
  const nbCells: unknown[] = [];
  for (const cell of ordered) {
    // Keep the parser's cell indexes equal to the editor's: no gaps, even for cells not given.
    while (nbCells.length < cell.index) nbCells.push({ cell_type: 'markdown', source: '', metadata: {} });
    nbCells.push({ cell_type: cell.kind === 'code' ? 'code' : 'markdown', source: cell.text, metadata: { vscode: { languageId: cell.languageId } } });
  }
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: nbCells });
}

/** What belongs to one cell: its functions and the problems positioned in it (ranges relative to the cell). */
export function cellPart(parse: NotebookParse, cellIndex: number): NotebookParse {
  return {
    functions: parse.functions.filter((f) => f.cell === cellIndex),
    problems: parse.problems.filter((p) => p.cell === cellIndex),
  };
}

/**
 * One parse per notebook and version: `version` is any text that changes whenever a cell does
 * (the notebook's version and its cells' document versions), so every cell's CodeLens and
 * diagnostics of one change share a single parse.
 */
export class NotebookParseCache {
  private readonly parses = new Map<string, { version: string; parse: NotebookParse }>();
  /** How many times a notebook was actually parsed (a cache that works keeps this low). */
  parsed = 0;

  get(notebookFile: string, version: string, cells: () => readonly OpenCell[]): NotebookParse {
    const cached = this.parses.get(notebookFile);
    if (cached?.version === version) return cached.parse;
    const parse = parseNotebook(notebookFile, notebookText(cells()));
    this.parsed++;
    this.parses.set(notebookFile, { version, parse });
    return parse;
  }

  forget(notebookFile: string): void {
    this.parses.delete(notebookFile);
  }
}
