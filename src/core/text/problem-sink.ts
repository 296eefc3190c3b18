// Problems with positions, collected while parsing a file (handler annotations, experiment files):
// parsers report character offsets, the sink turns them into editor ranges.
import type { Problem } from '../model';
import type { LineMap } from './line-map';

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
