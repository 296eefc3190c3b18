// Jupyter notebooks (FaaSET's workflow): each Python code cell's text is parsed by the Python
// annotation parser on its own, so `@cloud_function` / `# @faas` functions are found with ranges
// relative to their cell, which is what an editor's cell document needs. Pure: no file system.
import type { FunctionSpec, Problem, SourceRange } from '../model';
import { moduleVariables, type VariableLookup } from './faaset';
import { parseAnnotations } from './index';
import { pythonLines } from './pyLexer';

/** A handler found in a notebook: `range` is relative to cell `cell`'s text (0-based over all cells). */
export type NotebookFunctionSpec = FunctionSpec & { cell: number };
/** `cell` is absent for a problem with the notebook file itself (e.g. it is not JSON). */
export type NotebookProblem = Problem & { cell?: number };

export interface NotebookCell {
  /** 0-based over all of the notebook's cells, markdown included. */
  index: number;
  /** The cell's text as an editor shows it, with IPython magics blanked out (see maskMagics). */
  source: string;
}

export function isNotebookFile(file: string): boolean {
  return file.toLowerCase().endsWith('.ipynb');
}

/** The Python code cells of a notebook (nbformat 4), or what is wrong with the file. */
export function notebookCells(text: string): { cells: NotebookCell[] } | { error: string } {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (error) {
    return { error: `This notebook is not valid JSON (${(error as Error).message}): open it in Jupyter or VS Code and save it again.` };
  }
  const doc = nb as { cells?: unknown; nbformat?: unknown; metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } };
  if (!Array.isArray(doc.cells)) {
    return { error: `FaaS Lab reads notebooks in nbformat 4 (a top-level "cells" list); this one is nbformat ${String(doc.nbformat ?? 'unknown')}: save it with a current Jupyter.` };
  }
  const language = doc.metadata?.kernelspec?.language ?? doc.metadata?.language_info?.name;
  if (typeof language === 'string' && language.toLowerCase() !== 'python') return { cells: [] };
  const cells: NotebookCell[] = [];
  doc.cells.forEach((cell: { cell_type?: unknown; source?: unknown; metadata?: { vscode?: { languageId?: unknown } } }, index) => {
    if (cell?.cell_type !== 'code') return;
    const languageId = cell.metadata?.vscode?.languageId;
    if (typeof languageId === 'string' && languageId !== 'python') return;
    const source = Array.isArray(cell.source) ? cell.source.filter((s) => typeof s === 'string').join('') : typeof cell.source === 'string' ? cell.source : '';
    // A cell magic (%%bash, %%writefile ...) makes the whole cell something other than Python.
    if (/^\s*%%/.test(source)) return;
    cells.push({ index, source: maskMagics(source) });
  });
  return { cells };
}

/** Line magics and shell escapes (`%pip install x`, `!ls`) become spaces: positions stay, the parser sees no code. */
export function maskMagics(source: string): string {
  return source.replace(/^([ \t]*)([%!].*)$/gm, (_, indent: string, magic: string) => indent + ' '.repeat(magic.length));
}

const WHOLE_FILE: SourceRange = { startLine: 0, startCol: 0, endLine: 0, endCol: 0 };

/** Notebook text -> its handlers (one per annotated function, names unique across cells) and problems. */
export function parseNotebook(file: string, text: string): { functions: NotebookFunctionSpec[]; problems: NotebookProblem[] } {
  const read = notebookCells(text);
  if ('error' in read) return { functions: [], problems: [{ file, range: WHOLE_FILE, message: read.error, severity: 'error' }] };
  const functions: NotebookFunctionSpec[] = [];
  const problems: NotebookProblem[] = [];
  // Each cell's top-level assignments, for the cells below it: `function_config = {...}` in one
  // cell and `config=function_config` in a later one, as Jupyter runs them top to bottom.
  const earlier: VariableLookup[] = [];
  for (const { index, source } of read.cells) {
    const above = earlier.slice();
    const outerVariables = (name: string): ReturnType<VariableLookup> => {
      for (let i = above.length - 1; i >= 0; i--) {
        const value = above[i](name, Infinity);
        if (value !== undefined) return value;
      }
      return undefined;
    };
    earlier.push(moduleVariables(source, pythonLines(source)));
    // The parser picks the language by extension: each cell is a Python file of its own.
    const parsed = parseAnnotations(`${file}.cell${index}.py`, source, { outerVariables });
    for (const p of parsed.problems) problems.push({ ...p, file, cell: index });
    for (const spec of parsed.functions) {
      const first = functions.find((f) => f.name === spec.name);
      if (first !== undefined) {
        problems.push({
          file, cell: index, range: spec.range, severity: 'error',
          message: `Function name "${spec.name}" is already used by ${first.handler} in cell ${first.cell + 1}; deployed names must be unique: ` +
            'rename one of the two functions (the later cell would replace the earlier one in the notebook, too).',
        });
        continue;
      }
      functions.push({ ...spec, file, cell: index });
    }
  }
  return { functions, problems };
}
