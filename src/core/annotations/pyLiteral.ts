// A small reader for Python literals in decorator arguments (`platforms=[Platform.AWS]`,
// `config={"memory": 512}`, `requirements="""numpy"""`). It never executes anything: a value
// that is not a literal or a dotted name is reported, not guessed.
import type { Span } from './spec';

export type PyValue = Span &
  (
    | { kind: 'str'; value: string }
    | { kind: 'number'; value: number; integer: boolean }
    | { kind: 'bool'; value: boolean }
    | { kind: 'none' }
    | { kind: 'list'; items: PyValue[] }
    | { kind: 'dict'; entries: { key: PyValue; value: PyValue }[] }
    /** A variable or attribute such as `config` or `Platform.AWS`. */
    | { kind: 'name'; path: string }
  );

export interface PyArg {
  keyword?: string;
  keywordSpan?: Span;
  value: PyValue;
}

export class PyLiteralError extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message);
  }
}

const LITERALS_ONLY =
  'FaaS Lab reads literal values only (strings, numbers, True/False/None, lists, dicts and names like Platform.AWS)';

/** Reads the call arguments after the `(` at `open`; throws PyLiteralError with the offending span. */
export function parseCallArgs(text: string, open: number): { args: PyArg[]; close: number } {
  const reader = new Reader(text, open + 1);
  const args: PyArg[] = [];
  for (;;) {
    reader.skipSpace();
    if (reader.peek() === ')') return { args, close: reader.pos };
    // Reaching the decorated def means a `)` is missing, not that `def` is a bad value.
    if (reader.atEnd() || /(?:async\s+)?(?:def|class)\s/y.test(text.slice(reader.pos, reader.pos + 12))) {
      throw new PyLiteralError({ start: open, end: open + 1 }, 'This call is never closed: add the missing ")".');
    }
    const keyword = reader.keyword();
    args.push({ ...keyword, value: reader.value() });
    reader.skipSpace();
    if (reader.peek() === ',') reader.pos++;
    else if (reader.peek() !== ')') reader.unexpected();
  }
}

/** Reads the one literal value starting at `at` (after `name =`); throws PyLiteralError when it is not a literal. */
export function parseValueAt(text: string, at: number): PyValue {
  return new Reader(text, at).value();
}

class Reader {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Whitespace, newlines, comments and backslash continuations all separate tokens here. */
  skipSpace(): void {
    for (;;) {
      const ch = this.peek();
      if (ch === '#') {
        const newline = this.text.indexOf('\n', this.pos);
        this.pos = newline < 0 ? this.text.length : newline;
      } else if (ch === '\\' && /\r?\n/y.test(this.text.slice(this.pos + 1, this.pos + 3))) this.pos++;
      else if (ch !== '' && /\s/.test(ch)) this.pos++;
      else return;
    }
  }

  unexpected(): never {
    const start = this.pos;
    const token = /[\w.]+|\S/y;
    token.lastIndex = start;
    const match = token.exec(this.text);
    const end = match === null ? start + 1 : start + match[0].length;
    const found = match === null ? 'the end of the file' : `"${match[0]}"`;
    throw new PyLiteralError({ start, end }, `Cannot read ${found} here: ${LITERALS_ONLY}; write the value itself.`);
  }

  /** A different closing bracket means this one was never closed; anything else is unreadable. */
  private unclosedOr(open: number, closer: string): never {
    if (')]}'.includes(this.peek()) && this.peek() !== '') {
      const what = closer === '}' ? 'dict' : 'list';
      throw new PyLiteralError({ start: open, end: open + 1 }, `This ${what} is never closed: add "${closer}".`);
    }
    return this.unexpected();
  }

  /** `name=` before an argument, if there is one. */
  keyword(): { keyword?: string; keywordSpan?: Span } {
    const pattern = /([A-Za-z_]\w*)\s*=(?!=)/y;
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null) return {};
    const span = { start: this.pos, end: this.pos + match[1].length };
    this.pos = pattern.lastIndex;
    return { keyword: match[1], keywordSpan: span };
  }

  value(): PyValue {
    this.skipSpace();
    const start = this.pos;
    const ch = this.peek();
    if (ch === '[' || ch === '(') return this.sequence(ch === '[' ? ']' : ')');
    if (ch === '{') return this.dictOrSet();
    if (/^[rRbBuUfF]{0,2}['"]/.test(this.text.slice(this.pos, this.pos + 3))) return this.strings();
    if (/[0-9]/.test(ch) || (/[-+.]/.test(ch) && /[0-9.]/.test(this.peek(1)))) return this.number();
    const name = /[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*/y;
    name.lastIndex = this.pos;
    const match = name.exec(this.text);
    if (match === null) return this.unexpected();
    this.pos = name.lastIndex;
    const end = this.pos;
    this.skipSpace();
    if (this.peek() === '(') {
      throw new PyLiteralError({ start, end }, `Cannot read the call ${match[0]}(...): ${LITERALS_ONLY}; write the value itself.`);
    }
    const path = match[0].replace(/\s+/g, '');
    if (path === 'True' || path === 'False') return { kind: 'bool', value: path === 'True', start, end };
    if (path === 'None') return { kind: 'none', start, end };
    return { kind: 'name', path, start, end };
  }

  private sequence(closer: string): PyValue {
    const start = this.pos++;
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      this.skipSpace();
      if (this.peek() === closer) break;
      if (this.atEnd()) throw new PyLiteralError({ start, end: start + 1 }, `This list is never closed: add "${closer}".`);
      items.push(this.value());
      this.skipSpace();
      if (this.peek() === ',') {
        sawComma = true;
        this.pos++;
      } else if (this.peek() !== closer) this.unclosedOr(start, closer);
    }
    this.pos++;
    // `("a")` is a parenthesised value, not a one-item tuple.
    if (closer === ')' && items.length === 1 && !sawComma) return { ...items[0], start, end: this.pos };
    return { kind: 'list', items, start, end: this.pos };
  }

  private dictOrSet(): PyValue {
    const start = this.pos++;
    const entries: { key: PyValue; value: PyValue }[] = [];
    const items: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === '}') break;
      if (this.atEnd()) throw new PyLiteralError({ start, end: start + 1 }, 'This dict is never closed: add "}".');
      const key = this.value();
      this.skipSpace();
      if (this.peek() === ':') {
        this.pos++;
        entries.push({ key, value: this.value() });
      } else items.push(key);
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.unclosedOr(start, '}');
    }
    this.pos++;
    if (items.length > 0 && entries.length > 0) {
      throw new PyLiteralError({ start, end: this.pos }, 'This mixes dict entries (key: value) with bare values: write one or the other.');
    }
    return items.length > 0 ? { kind: 'list', items, start, end: this.pos } : { kind: 'dict', entries, start, end: this.pos };
  }

  /** One string, or several adjacent ones, which Python joins. */
  private strings(): PyValue {
    const start = this.pos;
    let value = '';
    let end = start;
    for (;;) {
      const prefix = /([rRbBuUfF]{0,2})(['"])/y;
      prefix.lastIndex = this.pos;
      const match = prefix.exec(this.text);
      if (match === null) break;
      const raw = /r/i.test(match[1]);
      const quoteAt = this.pos + match[1].length;
      const triple = this.text.startsWith(match[2].repeat(3), quoteAt);
      const quote = triple ? match[2].repeat(3) : match[2];
      let i = quoteAt + quote.length;
      for (;;) {
        if (i >= this.text.length || (!triple && this.text[i] === '\n')) {
          throw new PyLiteralError({ start: quoteAt, end: i }, `This string is never closed: add the closing ${quote}.`);
        }
        if (this.text.startsWith(quote, i)) break;
        if (this.text[i] === '\\') {
          value += raw ? this.text.slice(i, i + 2) : unescape(this.text[i + 1] ?? '');
          i += 2;
        } else value += this.text[i++];
      }
      this.pos = end = i + quote.length;
      this.skipSpace();
    }
    this.pos = end;
    return { kind: 'str', value, start, end };
  }

  private number(): PyValue {
    const start = this.pos;
    const pattern = /[-+]?(?:0[xX][0-9a-fA-F_]+|(\d[\d_]*)?(\.\d[\d_]*)?([eE][-+]?\d+)?)/y;
    pattern.lastIndex = start;
    const match = pattern.exec(this.text);
    if (match === null || match[0] === '' || /^[-+]?$/.test(match[0])) return this.unexpected();
    this.pos = pattern.lastIndex;
    const literal = match[0].replace(/_/g, '');
    const integer = match[2] === undefined && match[3] === undefined;
    const value = /0x/i.test(literal) ? parseInt(literal, 16) : Number(literal);
    return { kind: 'number', value, integer, start, end: this.pos };
  }
}

function unescape(ch: string): string {
  switch (ch) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case '\n':
      return ''; // a backslash at the line end continues the string
    default:
      return ch;
  }
}
