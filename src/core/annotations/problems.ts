// Positions and problem collection shared by the JS/TS and Python parsers. Parsers work with
// character offsets into the whole text; this turns them into the zero-based line/column ranges
// editors use, so no parser has to track lines itself.
import type { Problem, SourceRange } from '../model';

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; col: number } {
    // Binary search: files with many annotations would otherwise cost O(lines) per lookup.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: offset - this.starts[lo] };
  }

  range(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
  }
}

export class ProblemSink {
  readonly problems: Problem[] = [];
  private errors = 0;

  constructor(
    readonly file: string,
    readonly lines: LineMap,
  ) {}

  /** Something that keeps this function from being deployed. */
  error(start: number, end: number, message: string): void {
    this.errors++;
    this.add(start, end, message, 'error');
  }

  /** Something worth fixing that still leaves a deployable function. */
  warning(start: number, end: number, message: string): void {
    this.add(start, end, message, 'warning');
  }

  /** The 1-based line of an offset, as a message names it ("the one on line 3"). */
  lineNumber(offset: number): number {
    return this.lines.position(offset).line + 1;
  }

  /** Compare before and after parsing one annotation to learn whether it failed. */
  get errorCount(): number {
    return this.errors;
  }

  private add(start: number, end: number, message: string, severity: Problem['severity']): void {
    this.problems.push({ file: this.file, range: this.lines.range(start, end), message, severity });
  }
}
