// Character offsets to the zero-based line/column ranges editors use, so no parser (annotations,
// experiment files, CLI settings) has to track lines itself.
import type { SourceRange } from '../model';

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
