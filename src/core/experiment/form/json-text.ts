// Small helpers for editing JSON text in the file's own style: its indentation and line ends,
// one-line values kept on one line, and the smallest edit between two texts.
import { parse, parseTree, printParseErrorCode, type Edit, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, tooDeepAt } from '../json-check';

/** The tree of a text the form can edit: a JSON object, comments tolerated (kept as they are). */
export function readTree(text: string): { root?: Node; errors: ParseError[] } {
  // The parser recurses per level: a file nested too deep is not parsed (the file's own check says where).
  const deep = tooDeepAt(text);
  if (deep !== undefined) return { errors: [{ error: 1 /* ParseErrorCode.InvalidSymbol */, offset: deep, length: 1 }] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false, allowEmptyContent: true });
  return { root, errors };
}

/** The file's indentation and line end, so inserted keys look like their neighbours. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)["}\]]/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2, eol };
}

/** True when a one-line object or list is written with spaces (`{ "a": 1, "b": 2 }`), as Prettier does. */
export function isSpaced(written: string): boolean {
  return /[{[] \S|": |, /.test(written);
}

/** A value as one line of JSON, spaced or compact like the text it replaces. */
export function inlineJson(value: unknown, spaced: boolean): string {
  if (!spaced) return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((v) => inlineJson(v, true)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v, true)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** The one edit that turns `before` into `after`: only the span between their common start and end. */
export function minimalEdits(before: string, after: string): Edit[] {
  if (before === after) return [];
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a \r\n pair: an edit that did would leave a lone \r behind.
  if (start > 0 && before[start - 1] === '\r' && (before[start] === '\n' || after[start] === '\n')) start--;
  return [{ offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) }];
}

type JsonCheck = { ok: true; value: unknown } | { ok: false; message: string };

const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a key in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the key',
  CommaExpected: 'expected a comma between entries',
  CloseBraceExpected: 'expected } to close the object',
  CloseBracketExpected: 'expected ] to close the list',
  EndOfFileExpected: 'unexpected text after the value',
  InvalidCommentToken: 'comments are not allowed (plain JSON)',
  UnexpectedEndOfString: 'string not closed: add the closing "',
  UnexpectedEndOfNumber: 'number not finished',
  InvalidEscapeCharacter: 'invalid escape character in string',
  InvalidCharacter: 'invalid character in string (escape control characters)',
};

/** Strict JSON (no comments, no trailing commas), with where it breaks in words. */
export function checkJson(text: string): JsonCheck {
  if (text.trim() === '') return { ok: false, message: 'empty: write a JSON value, e.g. {}' };
  if (tooDeepAt(text) !== undefined) return { ok: false, message: `nested more than ${MAX_JSON_DEPTH} levels deep; nothing was written` };
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { ok: true, value };
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  const code = printParseErrorCode(first.error);
  return { ok: false, message: `not valid JSON: ${SYNTAX[code] ?? code} (line ${line}, column ${column}); nothing was written` };
}

/** A payload as the user typed it: valid JSON, and an object when parentPayload must merge into it. */
export function checkPayloadText(text: string, mustBeObject: boolean): JsonCheck {
  const checked = checkJson(text);
  if (!checked.ok) return checked;
  if (mustBeObject && !isPlainObject(checked.value)) {
    return { ok: false, message: 'must be a JSON object ({ ... }) while parentPayload is set, so the two can be merged; nothing was written' };
  }
  return checked;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
