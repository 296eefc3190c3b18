import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { languageOf, mayContainAnnotations, parseAnnotations } from '../annotations';
import { isNotebookFile, parseNotebook } from '../annotations/notebook';
import { BadInputError } from '../bad-input';
import type { FunctionSpec, Problem } from '../model';

export interface FileFunctions {
  functions: FunctionSpec[];
  problems: Problem[];
}

/** Annotated handlers of one file on disk. */
export async function functionsInFile(file: string): Promise<FileFunctions> {
  const abs = path.resolve(file);
  const notebook = isNotebookFile(abs);
  if (!notebook && !languageOf(abs)) {
    throw new BadInputError(`${file} is not a JavaScript, TypeScript, Python or Jupyter notebook file; handlers live in .js/.ts/.py/.ipynb files`);
  }
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch {
    throw new BadInputError(`Cannot read ${file}: check the path`);
  }
  if (notebook) return parseNotebook(abs, text);
  if (!mayContainAnnotations(text)) return { functions: [], problems: [] };
  return parseAnnotations(abs, text);
}

/** `file.js:handler`: the handler part is any identifier, Unicode ones included (`héllo`, `函数`). */
const FUNCTION_REF = /^(.*?)(?::([\p{ID_Start}_$][\p{ID_Continue}$-]*))?$/u;

/**
 * Resolves `file[:handler]` to one annotated function. Without a handler the file must hold
 * exactly one; otherwise the error lists the choices. The file's annotation warnings go to
 * `onWarning`, as the editor shows them (in a notebook, those of the function's own cell).
 */
export async function resolveFunctionRef(ref: string, onWarning?: (problem: Problem) => void): Promise<FunctionSpec> {
  const match = FUNCTION_REF.exec(ref);
  const file = match?.[1] ?? ref;
  const wanted = match?.[2];
  const { functions, problems } = await functionsInFile(file);
  const errors = problems.filter((p) => p.severity === 'error');
  const pick = wanted ? functions.find((f) => f.handler === wanted || f.name === wanted) : functions.length === 1 ? functions[0] : undefined;
  if (pick) {
    // A notebook's cells are separate handlers: only the picked function's cell concerns this deploy.
    const cell = (pick as { cell?: number }).cell;
    const own = (p: Problem & { cell?: number }): boolean => cell === undefined || p.cell === undefined || p.cell === cell;
    for (const warning of problems.filter((p) => p.severity === 'warning' && own(p))) onWarning?.(warning);
    return pick;
  }
  const listing = functions.map((f) => `${file}:${f.handler}`).join(', ');
  // The annotation's own problem comes first: it is why no handler was found.
  const problemText = errors.map((p) => `${formatProblem(p)}\n`).join('');
  if (functions.length === 0 && errors.length > 0) {
    throw new BadInputError(`${problemText}Nothing in ${file} can be deployed until ${errors.length === 1 ? 'this is' : 'these are'} fixed.`);
  }
  if (functions.length === 0) {
    throw new BadInputError(`No deployable handler in ${file}: mark one with a '// @faas' (or '# @faas') comment above it.`);
  }
  if (!wanted) throw new BadInputError(`${file} has ${functions.length} handlers; name one: ${listing}`);
  throw new BadInputError(`${problemText}No annotated handler '${wanted}' in ${file}; found: ${listing}`);
}

/** `file:line:col: severity: message`; in a notebook `nb.ipynb cell 6:1:28: ...` (line and column inside that cell). */
export function formatProblem(p: Problem & { cell?: number }): string {
  const where = p.cell === undefined ? p.file : `${p.file} cell ${p.cell + 1}`;
  return `${where}:${p.range.startLine + 1}:${p.range.startCol + 1}: ${p.severity}: ${p.message}`;
}
