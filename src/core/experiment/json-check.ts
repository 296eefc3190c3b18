// Typed reads of jsonc-parser nodes that report a positioned problem instead of throwing, so
// every complaint about an experiment file points at the exact value or key to fix.
import { getNodeValue, type Node } from 'jsonc-parser';
import type { ProblemSink } from '../text/problem-sink';

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
