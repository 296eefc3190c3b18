// Splits Python source into logical lines (a statement spread over bracketed or continued lines
// is one), so that `#` inside strings, docstrings holding `@faas` and multi-line decorator calls
// are all told apart from real comments and declarations.

export interface PyLine {
  /** Offset of the first non-blank character. */
  code: number;
  /** Column of that character: 0 for top-level statements. */
  indent: number;
  /** Offset where the logical line ends (its final newline, or the end of the text). */
  end: number;
  kind: 'blank' | 'comment' | 'code';
}

export function pythonLines(text: string): PyLine[] {
  const lines: PyLine[] = [];
  let i = 0;
  while (i < text.length) {
    const lineStart = i;
    while (i < text.length && ' \t\f\r'.includes(text[i])) i++;
    const code = i;
    if (i >= text.length || text[i] === '\n') {
      lines.push({ code, indent: code - lineStart, end: i, kind: 'blank' });
    } else if (text[i] === '#') {
      i = lineEndFrom(text, i);
      lines.push({ code, indent: code - lineStart, end: i, kind: 'comment' });
    } else {
      i = logicalLineEnd(text, i);
      lines.push({ code, indent: code - lineStart, end: i, kind: 'code' });
    }
    i++; // past the newline
  }
  return lines;
}

function lineEndFrom(text: string, i: number): number {
  const newline = text.indexOf('\n', i);
  return newline < 0 ? text.length : newline;
}

function logicalLineEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n' && depth === 0) return i;
    if (ch === '#') i = lineEndFrom(text, i);
    else if (ch === '\\') i += 2; // an escaped newline continues the line
    else if (ch === '"' || ch === "'") i = skipPyString(text, i);
    else {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
      i++;
    }
  }
  return text.length;
}

/** Past the string whose opening quote is at `open`; a one-line string stops at the line's end. */
export function skipPyString(text: string, open: number): number {
  const ch = text[open];
  const triple = text.startsWith(ch.repeat(3), open);
  const quote = triple ? ch.repeat(3) : ch;
  let i = open + quote.length;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith(quote, i)) return i + quote.length;
    else if (!triple && text[i] === '\n') return i;
    else i++;
  }
  return text.length;
}
