// Finds the real comments in JavaScript/TypeScript source: text that only looks like a comment
// inside a string, template literal or regular expression must not become an annotation.

export interface JsComment {
  kind: 'line' | 'block';
  /** Offset of the leading slash. */
  start: number;
  /** Offset just past the comment (before the newline of a line comment). */
  end: number;
}

// After these words a slash starts a regular expression, not a division.
const REGEX_AFTER_WORD = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

const isIdentifierChar = (ch: string): boolean => /[\w$]/.test(ch) || ch > '\x7f';

export function scanJsComments(text: string): JsComment[] {
  const comments: JsComment[] = [];
  // Brace depths at which an open template literal resumes after a `${ ... }` substitution.
  const templates: number[] = [];
  let braceDepth = 0;
  let regexAllowed = true;
  let i = text.startsWith('#!') ? text.indexOf('\n') : 0;
  if (i < 0) return comments;

  const skipTemplate = (from: number): number => {
    let j = from;
    while (j < text.length) {
      const ch = text[j];
      if (ch === '\\') j += 2;
      else if (ch === '`') return j + 1;
      else if (ch === '$' && text[j + 1] === '{') {
        templates.push(braceDepth);
        braceDepth++;
        return j + 2;
      } else j++;
    }
    return j;
  };

  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? text.length : newline;
      comments.push({ kind: 'line', start: i, end });
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      comments.push({ kind: 'block', start: i, end });
      i = end;
    } else if (ch === '/' && regexAllowed) {
      i = skipRegex(text, i);
      regexAllowed = false;
    } else if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i);
      regexAllowed = false;
    } else if (ch === '`') {
      i = skipTemplate(i + 1);
      regexAllowed = false;
    } else if (ch === '{') {
      braceDepth++;
      regexAllowed = true;
      i++;
    } else if (ch === '}') {
      braceDepth--;
      i++;
      if (templates.length > 0 && templates[templates.length - 1] === braceDepth) {
        templates.pop();
        i = skipTemplate(i);
      }
      regexAllowed = false;
    } else if (isIdentifierChar(ch)) {
      let j = i + 1;
      while (j < text.length && isIdentifierChar(text[j])) j++;
      regexAllowed = REGEX_AFTER_WORD.has(text.slice(i, j));
      i = j;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      // `)` and `]` end an operand (a following slash divides); other punctuation expects one.
      regexAllowed = ch !== ')' && ch !== ']';
      i++;
    }
  }
  return comments;
}

function skipQuoted(text: string, open: number): number {
  const quote = text[open];
  let j = open + 1;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') j += 2;
    else if (ch === quote) return j + 1;
    else if (ch === '\n') return j; // unterminated: stop at the line end like the JS parser does
    else j++;
  }
  return j;
}

function skipRegex(text: string, open: number): number {
  let j = open + 1;
  let inClass = false;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '\\') j += 2;
    else if (ch === '\n') return j;
    else if (ch === '[' || ch === ']') {
      inClass = ch === '[';
      j++;
    } else if (ch === '/' && !inClass) {
      j++;
      while (j < text.length && /[a-z]/i.test(text[j])) j++;
      return j;
    } else j++;
  }
  return j;
}
