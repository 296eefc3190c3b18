// Positioned-problem assertions shared by the experiment parser's tests.
import assert from 'node:assert/strict';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import type { Problem, SourceRange } from '../../../../src/core/model';

export const FILE = '/work/exp/sweep.experiment.json';

/** The zero-based range of the nth occurrence of `snippet` in `text`. */
export function rangeOf(text: string, snippet: string, nth = 0): SourceRange {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(snippet, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(snippet)} not found in the test text`);
  }
  const pos = (offset: number): { line: number; col: number } => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, col: before[before.length - 1].length };
  };
  const a = pos(at);
  const b = pos(at + snippet.length);
  return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
}

export function only(problems: Problem[], severity: Problem['severity'] = 'error'): Problem {
  const matching = problems.filter((p) => p.severity === severity);
  assert.equal(matching.length, 1, `expected one ${severity}, got: ${JSON.stringify(problems, null, 1)}`);
  return matching[0];
}

export function expectError(text: string, snippet: string, message: string | RegExp, nth = 0): void {
  const result = parseExperiment(FILE, text);
  assert.equal(result.spec, undefined, 'an invalid file must give no spec');
  const p = only(result.problems);
  if (typeof message === 'string') assert.equal(p.message, message);
  else assert.match(p.message, message);
  assert.deepEqual(p.range, rangeOf(text, snippet, nth));
  assert.equal(p.file, FILE);
}
