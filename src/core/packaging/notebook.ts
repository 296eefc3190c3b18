// A notebook function ships as a module of its own holding only that function, as FaaSET deploys
// a cell's function: top-level notebook code (other cells, the cell's own calls after the def) and
// the decorator (its arguments may name notebook variables) stay behind, which is why FaaSET puts
// imports inside the function.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { notebookCells, parseNotebook } from '../annotations/notebook';
import { pythonLines } from '../annotations/pyLexer';
import { UserError } from '../model';

/** Module names FaaS Lab ships itself; a notebook named so gets a suffix instead of replacing one. */
const SHIPPED_MODULES = new Set(['faaslab_runtime', 'faaslab_gcp', 'faaslab_azure', 'FaaSET', 'SAAF', 'Inspector', 'main', 'function_app']);

/** The Python module a notebook's function is shipped as: its file name made an identifier. */
export function notebookModuleName(file: string): string {
  let name = path.basename(file).replace(/\.ipynb$/i, '').replace(/\W/g, '_');
  if (/^\d/.test(name) || name === '') name = `_${name}`;
  return SHIPPED_MODULES.has(name) ? `${name}_notebook` : name;
}

/**
 * The module for `handler` of the notebook `file`: its def and body at the line numbers they have
 * in their cell, so a stack trace's line is the cell's line.
 */
export async function notebookModuleSource(file: string, handler: string): Promise<string> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UserError(`Cannot read the notebook ${file}: check the path`);
  }
  const spec = parseNotebook(file, text).functions.find((f) => f.handler === handler);
  const read = notebookCells(text);
  const cell = 'cells' in read ? read.cells.find((c) => c.index === spec?.cell) : undefined;
  if (spec === undefined || cell === undefined) {
    throw new UserError(`${path.basename(file)} has no annotated function ${handler} any more: save the notebook, then deploy again.`);
  }
  const header = `# ${handler} from cell ${spec.cell + 1} of ${path.basename(file)}, shipped alone by FaaS Lab`;
  const padding = spec.range.startLine === 0 ? '' : header + '\n'.repeat(spec.range.startLine);
  return padding + functionText(cell.source, spec.range.startLine) + '\n';
}

/** From the def on `defLine` through the last line of its body. */
function functionText(source: string, defLine: number): string {
  let start = 0;
  for (let line = 0; line < defLine; line++) start = source.indexOf('\n', start) + 1;
  let end = start;
  for (const line of pythonLines(source)) {
    if (line.code < start) continue;
    if (line.code > start && line.kind === 'code' && line.indent === 0) break;
    if (line.kind === 'code' || (line.kind === 'comment' && line.indent > 0)) end = line.end;
  }
  return source.slice(start, end);
}
