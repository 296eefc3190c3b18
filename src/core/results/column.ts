// A growable column of numbers kept in Float64Array chunks: 8 bytes a value, where an array of
// records (or of boxed numbers) costs hundreds, so a summary of 1M calls holds only the metrics it
// sorts. Chunks are never copied to grow (no garbage while a run streams in) and double in size up
// to 64 KB, so a column of a few values stays small.

const FIRST_CHUNK = 16;
const MAX_CHUNK = 8192;

export class Float64Column {
  private readonly chunks_: Float64Array[] = [];
  private last: Float64Array | undefined;
  /** Values in `last`. */
  private used = 0;
  length = 0;

  push(value: number): void {
    if (this.last === undefined || this.used === this.last.length) {
      this.last = new Float64Array(this.last === undefined ? FIRST_CHUNK : Math.min(MAX_CHUNK, this.last.length * 2));
      this.chunks_.push(this.last);
      this.used = 0;
    }
    this.last[this.used++] = value;
    this.length++;
  }

  /** The values pushed, in order, a chunk at a time (views, no copy). Columns pushed together have the same chunks. */
  *chunks(): Generator<Float64Array> {
    let left = this.length;
    for (const chunk of this.chunks_) {
      const n = Math.min(chunk.length, left);
      yield n === chunk.length ? chunk : chunk.subarray(0, n);
      left -= n;
    }
  }

  /** The values pushed, in order, as one new array. */
  values(): Float64Array {
    const out = new Float64Array(this.length);
    let at = 0;
    for (const chunk of this.chunks()) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** The values sorted ascending, as one new array. */
  sorted(): Float64Array {
    return this.values().sort();
  }
}
