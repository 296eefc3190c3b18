// Which planned calls a resumed run already recorded. The only part of a run's plan kept in
// memory as a whole, so it is bounded: a run with more records than this is not resumed.
import { UserError } from '../../model';

/** Most records a resume keeps track of (a Set of numbers: about 40 MB at this size). */
export const MAX_RESUMED_RECORDS = 1_000_000;

export class DoneSeqs {
  private readonly seqs = new Set<number>();
  private sorted: number[] | undefined;

  get size(): number {
    return this.seqs.size;
  }

  /** True when `seq` is new (then it is counted). */
  add(seq: number): boolean {
    if (this.seqs.has(seq)) return false;
    if (this.seqs.size >= MAX_RESUMED_RECORDS) {
      throw new UserError(
        `This run has more than ${MAX_RESUMED_RECORDS.toLocaleString('en-US')} records, the most a resume keeps track of; start a new run for the remaining calls (e.g. with fewer runs or iterations)`,
      );
    }
    this.seqs.add(seq);
    this.sorted = undefined;
    return true;
  }

  has(seq: number): boolean {
    return this.seqs.has(seq);
  }

  /** How many seqs in firstSeq .. firstSeq + size - 1 are done. */
  countIn(firstSeq: number, size: number): number {
    if (this.seqs.size === 0) return 0;
    this.sorted ??= [...this.seqs].sort((a, b) => a - b);
    return lowerBound(this.sorted, firstSeq + size) - lowerBound(this.sorted, firstSeq);
  }

  /** The next seq after every one recorded (an idle search numbers its calls from here). */
  next(): number {
    let max = -1;
    for (const s of this.seqs) if (s > max) max = s;
    return max + 1;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
