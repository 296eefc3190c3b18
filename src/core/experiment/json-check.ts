// Typed reads of jsonc-parser nodes that report a positioned problem instead of throwing, so
// every complaint about an experiment file points at the exact value or key to fix.
import { getNodeValue, type Node } from 'jsonc-parser';
import type { ProblemSink } from '../text/problem-sink';
import { closestKey } from './keys';

export interface NumberRule {
  min?: number;
  max?: number;
  /** Reject values below or equal to min (e.g. a rate must be above 0). */
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Unit written after the limit in messages, e.g. " MB". */
  unit?: string;
}

export class JsonChecker {
  constructor(readonly sink: ProblemSink) {}

  error(node: Node, message: string): void {
    this.sink.error(node.offset, node.offset + node.length, message);
  }

  warning(node: Node, message: string): void {
    this.sink.warning(node.offset, node.offset + node.length, message);
  }

  number(node: Node, path: string, rule: NumberRule): number | undefined {
    if (node.type !== 'number') {
      this.error(node, `${path}: expected ${rule.integer ? 'a whole number' : 'a number'}, found ${describe(node)}${quotedNumberHint(node)}`);
      return undefined;
    }
    const value = node.value as number;
    const unit = rule.unit ?? '';
    const span = rangeHint(rule);
    if (!Number.isFinite(value)) {
      this.error(node, `${path}: this number is too large to hold${span ? `; use ${span}` : ''}`);
      return undefined;
    }
    if (rule.integer && !Number.isInteger(value)) {
      this.error(node, `${path}: ${value} is not a whole number; use ${Math.max(rule.min ?? -Infinity, Math.round(value))}${span ? ` (${span})` : ''}`);
      return undefined;
    }
    if (rule.min !== undefined && (value < rule.min || (rule.exclusiveMin && value === rule.min))) {
      const limit = rule.exclusiveMin ? `must be above ${rule.min}${unit}` : `is below the minimum ${rule.min}${unit}`;
      this.error(node, `${path}: ${value} ${limit}; use ${span}`);
      return undefined;
    }
    if (rule.max !== undefined && value > rule.max) {
      this.error(node, `${path}: ${value} is above the maximum ${rule.max}${unit}; use ${span}`);
      return undefined;
    }
    return value;
  }

  boolean(node: Node, path: string): boolean | undefined {
    if (node.type === 'boolean') return node.value as boolean;
    const hint = node.type === 'string' && /^(true|false)$/.test(String(node.value)) ? `; write ${String(node.value)} without quotes` : '';
    this.error(node, `${path}: expected true or false, found ${describe(node)}${hint}`);
    return undefined;
  }

  string(node: Node, path: string, what: string): string | undefined {
    if (node.type !== 'string') {
      this.error(node, `${path}: expected ${what} (a string in quotes), found ${describe(node)}`);
      return undefined;
    }
    const value = node.value as string;
    if (value.trim() === '') {
      this.error(node, `${path}: empty; write ${what}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(node: Node, path: string, allowed: readonly T[]): T | undefined {
    const list = allowed.map((a) => `"${a}"`).join(', ');
    if (node.type !== 'string' || !(allowed as readonly string[]).includes(node.value as string)) {
      this.error(node, `${path}: ${describe(node)} is not one of ${list}; use one of them`);
      return undefined;
    }
    return node.value as T;
  }

  object(node: Node, path: string, example: string): Node | undefined {
    if (node.type === 'object') return node;
    this.error(node, `${path}: expected an object, found ${describe(node)}; write it like ${example}`);
    return undefined;
  }

  array(node: Node, path: string, example: string): Node[] | undefined {
    if (node.type === 'array') return node.children ?? [];
    this.error(node, `${path}: expected a list, found ${describe(node)}; write it like ${example}`);
    return undefined;
  }

  /** The node as plain JSON, or undefined when it holds a number too large to hold (1e400 would silently become null). */
  plain(node: Node, path: string): { value: unknown } | undefined {
    const huge = tooLarge(node);
    if (huge === undefined) return { value: valueOf(node) };
    this.error(huge, `${path}: this number is too large to hold; write a smaller one`);
    return undefined;
  }

  /** Properties of an object node by key; a repeated key is reported (JSON keeps only one of them). */
  properties(node: Node, pathPrefix: string): Map<string, { key: Node; value: Node }> {
    const out = new Map<string, { key: Node; value: Node }>();
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value) continue;
      const name = key.value as string;
      if (out.has(name)) {
        this.error(key, `${pathPrefix}${name}: this key appears twice; keep one (only the last one would count)`);
      }
      out.set(name, { key, value });
    }
    return out;
  }
}

/** The node's value as plain JSON (jsonc-parser's own objects have a null prototype). */
export function valueOf(node: Node): unknown {
  return JSON.parse(JSON.stringify(getNodeValue(node))) as unknown;
}

function tooLarge(node: Node): Node | undefined {
  if (node.type === 'number') return Number.isFinite(node.value) ? undefined : node;
  for (const child of node.children ?? []) {
    const found = tooLarge(child);
    if (found) return found;
  }
  return undefined;
}

/** A value as a user would say it in a message: `the string "10"`, `a list`, `null`. */
export function describe(node: Node): string {
  switch (node.type) {
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return node.type;
  }
}

function quotedNumberHint(node: Node): string {
  return node.type === 'string' && /^-?\d+(\.\d+)?$/.test(String(node.value).trim()) ? `; write ${String(node.value).trim()} without quotes` : '';
}

function rangeHint(rule: NumberRule): string {
  const { min, max, exclusiveMin } = rule;
  if (min !== undefined && max !== undefined) return exclusiveMin ? `a value above ${min} and up to ${max}` : `a value from ${min} to ${max}`;
  if (min !== undefined) return exclusiveMin ? `a value above ${min}` : `${min} or more`;
  if (max !== undefined) return `${max} or less`;
  return '';
}

/** Deeper nesting than any experiment needs; the parser recurses per level, so this also keeps it off the stack limit. */
export const MAX_JSON_DEPTH = 100;
/** Ten million characters: far more than any experiment, small enough to check on every keystroke. */
export const MAX_JSON_CHARS = 10_000_000;

/** Offset of the bracket that nests deeper than `maxDepth` (outside strings), or undefined: a recursive parser is safe on the text. */
export function tooDeepAt(text: string, maxDepth = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (ch === '[' || ch === '{') {
      if (++depth > maxDepth) return i;
    } else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * Checks raw text before it is parsed: size, encoding and nesting depth. Returns the text to
 * parse (a UTF-8 byte order mark blanked, so offsets stay true), or undefined when the text must
 * not be parsed; the reason is reported at its position.
 */
export function checkJsonText(text: string, sink: ProblemSink): string | undefined {
  if (text.length > MAX_JSON_CHARS) {
    sink.error(0, 1, `The file has ${text.length.toLocaleString('en-US')} characters; an experiment file may have at most ${MAX_JSON_CHARS.toLocaleString('en-US')}: move the large payloads out or shorten them`);
    return undefined;
  }
  // UTF-16 read as UTF-8: its byte order mark becomes two replacement characters, ASCII gets NUL bytes between letters.
  const head = text.slice(0, 64);
  if (head.startsWith('\uFFFD\uFFFD') || head.includes('\u0000')) {
    sink.error(0, 1, 'This file is UTF-16 (or UTF-32); save it as UTF-8 (in VS Code: click the encoding in the status bar, "Save with Encoding", UTF-8)');
    return undefined;
  }
  const parsed = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const deep = tooDeepAt(parsed);
  if (deep !== undefined) {
    sink.error(deep, deep + 1, `JSON nesting: more than ${MAX_JSON_DEPTH} levels of [ ] and { } at this point; an experiment needs only a few: remove the extra brackets`);
    return undefined;
  }
  return parsed;
}

/** Words people write in JSON that JSON does not have, and what to write instead. */
const NOT_JSON: [RegExp, (word: string) => string][] = [
  [/^-?NaN\b/, (w) => `${w} is not JSON: write a number, or null for no value`],
  [/^-?Infinity\b/, (w) => `${w} is not JSON: write a number, e.g. 1000000`],
  [/^undefined\b/, () => 'undefined is not JSON: write null, or leave the key out'],
  [/^(True|False|None)\b/, (w) => `${w} is Python, not JSON: write ${w === 'None' ? 'null' : w.toLowerCase()}`],
  [/^'[^'\n]*'/, (w) => `JSON strings take double quotes: write "${w.slice(1, -1)}"`],
  [/^0[xX][0-9a-fA-F]+/, (w) => `${w}: JSON numbers are decimal; write ${parseInt(w, 16)}`],
];

/** What an unexpected token is, from the text at `offset`, with the span it covers. */
export function unexpectedToken(text: string, offset: number): { message: string; start: number; end: number } {
  // The parser takes the 0 of 0x10 for a number and stumbles on the x.
  const start = /^[xX]/.test(text.slice(offset)) && text[offset - 1] === '0' ? offset - 1 : offset;
  const rest = text.slice(start, start + 200);
  for (const [pattern, say] of NOT_JSON) {
    const found = pattern.exec(rest);
    if (found) return { message: say(found[0]), start, end: start + found[0].length };
  }
  const token = /^[^\s,:[\]{}"]{1,20}/.exec(rest)?.[0] ?? rest.slice(0, 1);
  return { message: `unexpected ${JSON.stringify(token)}`, start, end: start + Math.max(1, token.length) };
}

/** An error on each key of an object that is not one of `known`, with the closest known key. */
export function reportUnknown(check: JsonChecker, props: Map<string, { key: Node }>, known: readonly string[], prefix: string): void {
  for (const [key, { key: keyNode }] of props) {
    if (known.includes(key)) continue;
    const guess = closestKey(key, known);
    check.error(keyNode, `${prefix}${key}: unknown key; ${guess ? `did you mean "${guess}"?` : `use ${known.map((k) => `"${k}"`).join(', ')}`}`);
  }
}
