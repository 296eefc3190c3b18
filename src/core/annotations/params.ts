// Splits a parameter list `( ... )` into its parameters, for checking a handler's signature.
// Default values, destructuring, type annotations and comments may hold commas and brackets.
import type { Span } from './spec';

export interface Param extends Span {
  text: string;
}

export interface ParamList {
  params: Param[];
  /** Offset of the closing parenthesis. */
  close: number;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * `open` is the offset of `(`. Returns undefined when the list never closes.
 * In 'js' style `<...>` nests too, for TypeScript generics such as `Map<string, number>`.
 */
export function scanParams(text: string, open: number, style: 'js' | 'py'): ParamList | undefined {
  const closers: string[] = [];
  const params: Param[] = [];
  let angle = 0;
  let itemStart = open + 1;
  const pushItem = (end: number): void => {
    const raw = text.slice(itemStart, end);
    const stripped = stripComments(raw, style);
    if (stripped.trim() === '') return;
    const lead = raw.length - raw.trimStart().length;
    params.push({ start: itemStart + lead, end: itemStart + raw.trimEnd().length, text: stripped.trim() });
  };

  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    const skipped = skipNonCode(text, i, style);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (ch in OPENERS) closers.push(OPENERS[ch]);
    else if (style === 'js' && ch === '<') angle++;
    else if (style === 'js' && ch === '>' && angle > 0 && text[i - 1] !== '=') angle--;
    else if (closers.length === 0 && ch === ')') {
      pushItem(i);
      return { params, close: i };
    } else if (ch === closers[closers.length - 1]) closers.pop();
    else if (ch === ',' && closers.length === 0 && angle === 0) {
      pushItem(i);
      itemStart = i + 1;
    }
    i++;
  }
  return undefined;
}

/** Past a string or comment starting at `i`, or `i` itself when none starts there. */
export function skipNonCode(text: string, i: number, style: 'js' | 'py'): number {
  const ch = text[i];
  if (style === 'js' && ch === '/' && text[i + 1] === '/') return lineEnd(text, i);
  if (style === 'js' && ch === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (style === 'py' && ch === '#') return lineEnd(text, i);
  if (ch === '"' || ch === "'" || (style === 'js' && ch === '`')) {
    const triple = style === 'py' && text.startsWith(ch.repeat(3), i);
    const quote = triple ? ch.repeat(3) : ch;
    let j = i + quote.length;
    while (j < text.length) {
      if (text[j] === '\\') j += 2;
      else if (text.startsWith(quote, j)) return j + quote.length;
      else j++;
    }
    return j;
  }
  return i;
}

function lineEnd(text: string, i: number): number {
  const newline = text.indexOf('\n', i);
  return newline < 0 ? text.length : newline;
}

function stripComments(raw: string, style: 'js' | 'py'): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const skipped = skipNonCode(raw, i, style);
    if (skipped === i) out += raw[i++];
    else {
      const isComment = raw[i] === '#' || raw[i] === '/';
      out += isComment ? ' ' : raw.slice(i, skipped);
      i = skipped;
    }
  }
  return out;
}

/** Whether a parameter has a default value (`x = 1`, `x: int = 1`), ignoring `=>` and `==`. */
export function hasDefault(param: string): boolean {
  let depth = 0;
  for (let i = 0; i < param.length; i++) {
    const ch = param[i];
    if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && param[i - 1] !== '=')) depth = Math.max(0, depth - 1);
    else if (ch === '=' && depth === 0 && !'=>'.includes(param[i + 1] ?? '') && !'=!<>'.includes(param[i - 1] ?? '')) {
      return true;
    }
  }
  return false;
}
