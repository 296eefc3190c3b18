// Annotations: source text -> the handlers it marks for deployment, plus positioned problems
// (they become editor diagnostics). Pure: no file system, no `vscode`.
import * as path from 'node:path';
import type { FunctionSpec, Language, Problem } from '../model';
import { scanJavaScript } from './javascript';
import { LineMap } from '../text/line-map';
import { ProblemSink } from '../text/problem-sink';
import type { VariableLookup } from './faaset';
import { scanPython } from './python';
import { toFunctionSpec, type Candidate } from './spec';
import { nameProblem, suggestName } from './values';

const LANGUAGES: Record<string, Language> = {
  '.js': 'node', '.mjs': 'node', '.cjs': 'node', '.jsx': 'node',
  '.ts': 'node', '.mts': 'node', '.cts': 'node', '.tsx': 'node',
  '.py': 'python',
};

export function languageOf(file: string): Language | undefined {
  // Declaration files hold no code to run.
  if (/\.d\.[mc]?ts$/i.test(file)) return undefined;
  return LANGUAGES[path.extname(file).toLowerCase()];
}

/** Cheap test before parsing: false means the text certainly marks no handler. */
export function mayContainAnnotations(text: string): boolean {
  // `cloud_function` without `@` also catches `@FaaSET.cloud_function`.
  return text.includes('@faas') || text.includes('cloud_function');
}

export interface ParseOptions {
  /**
   * Python: module-level variables assigned outside this text (a notebook's earlier cells), looked
   * up when the text itself assigns none above the use.
   */
  outerVariables?: (name: string) => ReturnType<VariableLookup>;
}

export function parseAnnotations(file: string, text: string, options: ParseOptions = {}): { functions: FunctionSpec[]; problems: Problem[] } {
  const language = languageOf(file);
  if (language === undefined || !mayContainAnnotations(text)) return { functions: [], problems: [] };
  const lines = new LineMap(text);
  const sink = new ProblemSink(file, lines);
  const candidates = language === 'python' ? scanPython(text, sink, options.outerVariables) : scanJavaScript(text, sink);

  const functions: FunctionSpec[] = [];
  const claimed = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const spec = toFunctionSpec(file, lines, candidate);
    const at = candidate.config.nameSpan ?? candidate.handlerName;
    if (candidate.config.name === undefined) {
      // The handler's own name becomes the deployed name, so it must satisfy the same rule.
      const problem = nameProblem(spec.name, `add name=<deployed-name> to the annotation, e.g. name=${suggestName(spec.name)}`);
      if (problem !== undefined) {
        sink.error(at.start, at.end, problem);
        continue;
      }
    }
    const first = claimed.get(spec.name);
    if (first !== undefined) {
      const line = lines.position(first.declaration.start).line + 1;
      sink.error(at.start, at.end,
        `Function name "${spec.name}" is already used by ${first.handler} on line ${line}; deployed names must be unique: ` +
          `give this one another name=..., e.g. name=${spec.name}-2.`);
      continue;
    }
    claimed.set(spec.name, candidate);
    functions.push(spec);
  }
  return { functions, problems: sink.problems };
}
