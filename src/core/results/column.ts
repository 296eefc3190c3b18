// A growable column of numbers in a Float64Array: 8 bytes a value, where an array of records (or
// of boxed numbers) costs hundreds, so a summary of 1M calls holds only the metrics it sorts.

export class Float64Column {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed, in order (a view: valid until the next push). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  /** A sorted copy of the values, ascending. */
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}
