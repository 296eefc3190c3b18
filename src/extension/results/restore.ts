// Which panels VS Code may restore after a reload: the run folders come from the webview's saved
// state, which the page can write, so a restored panel reads only runs inside a runs directory.
import * as path from 'node:path';
import type { ResultsSource } from '../../webviews/results/protocol';

/** True when `candidate` is a path below `dir` (not `dir` itself), after resolving `..`. */
export function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(candidate));
  return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
}

/** Why a restored panel must not open `source` (a run folder outside every one of `runsDirs`); undefined: it may. */
export function refusedRestore(source: ResultsSource, runsDirs: readonly string[]): string | undefined {
  const dirs = source.kind === 'run' ? [source.runDir] : [source.before, source.after];
  const outside = dirs.find((dir) => !runsDirs.some((runs) => isInside(runs, dir)));
  if (outside === undefined) return undefined;
  return `FaaS Lab: did not reopen the results panel of ${outside}: a restored panel opens only runs in ${runsDirs.join(' or ')}. Open the run again with "FaaS Lab: Open Results".`;
}
