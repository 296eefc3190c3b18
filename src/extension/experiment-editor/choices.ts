// Annotated handlers as the function picker offers them. Pure (no `vscode`): tested directly.
import * as path from 'node:path';
import type { FunctionSpec } from '../../core/model';
import type { FunctionChoice } from '../../webviews/experiment/protocol';

/** Handlers as picker choices, sorted by file then name. */
export function toFunctionChoices(experimentFile: string, specs: readonly FunctionSpec[]): FunctionChoice[] {
  const dir = path.dirname(experimentFile);
  return specs
    .map((s) => ({
      name: s.name,
      source: path.relative(dir, s.file).split(path.sep).join('/'),
      language: s.language,
      memoryMB: s.memoryMB,
      platforms: [...s.platforms],
    }))
    .sort((a, b) => a.source.localeCompare(b.source) || a.name.localeCompare(b.name));
}
