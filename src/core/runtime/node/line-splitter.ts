// Splits a text stream into lines in time linear in its size: each chunk is scanned once and a
// long line is joined once, at its newline (a 20 MB payload arrives in thousands of chunks).

export class LineSplitter {
  private parts: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', start)) >= 0) {
      const piece = chunk.slice(start, nl);
      const line = this.parts.length === 0 ? piece : this.parts.join('') + piece;
      this.parts = [];
      start = nl + 1;
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (start < chunk.length) this.parts.push(start === 0 ? chunk : chunk.slice(start));
  }

  /** The last line, if it had no newline. */
  end(): void {
    const rest = this.parts.join('');
    this.parts = [];
    if (rest !== '') this.onLine(rest);
  }
}
