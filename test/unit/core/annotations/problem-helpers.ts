// Assertions the annotation tests share: a one-line range, and "exactly one problem".
import assert from 'node:assert/strict';
import type { Problem, SourceRange } from '../../../../src/core/model';

export function range(line: number, startCol: number, endCol: number): SourceRange {
  return { startLine: line, startCol, endLine: line, endCol };
}

export function single(problems: Problem[]): Problem {
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
  return problems[0];
}
