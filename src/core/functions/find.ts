import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { languageOf, mayContainAnnotations, parseAnnotations } from '../annotations';
import { UserError, type FunctionSpec, type Problem } from '../model';

export interface FileFunctions {
  functions: FunctionSpec[];
  problems: Problem[];
}

/** Annotated handlers of one file on disk. */
export async function functionsInFile(file: string): Promise<FileFunctions> {
  const abs = path.resolve(file);
  if (!languageOf(abs)) {
    throw new UserError(`${file} is not a JavaScript, TypeScript or Python file; handlers live in .js/.ts/.py files`);
  }
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch {
    throw new UserError(`Cannot read ${file}: check the path`);
  }
  if (!mayContainAnnotations(text)) return { functions: [], problems: [] };
  return parseAnnotations(abs, text);
}

/**
 * Resolves `file[:handler]` to one annotated function. Without a handler the file must hold
 * exactly one; otherwise the error lists the choices.
 */
export async function resolveFunctionRef(ref: string): Promise<FunctionSpec> {
  const match = /^(.*?)(?::([A-Za-z_$][\w$-]*))?$/.exec(ref);
  const file = match?.[1] ?? ref;
  const wanted = match?.[2];
  const { functions, problems } = await functionsInFile(file);
  const errors = problems.filter((p) => p.severity === 'error');
  const pick = wanted ? functions.find((f) => f.handler === wanted || f.name === wanted) : functions.length === 1 ? functions[0] : undefined;
  if (pick) return pick;
  const listing = functions.map((f) => `${file}:${f.handler}`).join(', ');
  const problemText = errors.map((p) => `\n  ${formatProblem(p)}`).join('');
  if (functions.length === 0) {
    throw new UserError(
      `No deployable handler in ${file}: mark one with a '// @faas' (or '# @faas') comment above it.${problemText}`,
    );
  }
  if (!wanted) throw new UserError(`${file} has ${functions.length} handlers; name one: ${listing}`);
  throw new UserError(`No annotated handler '${wanted}' in ${file}; found: ${listing}${problemText}`);
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.range.startLine + 1}:${p.range.startCol + 1}: ${p.severity}: ${p.message}`;
}
