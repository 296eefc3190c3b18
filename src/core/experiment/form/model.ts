// Experiment file text -> the form: what each control shows (formFromText) and where each problem
// goes (locateProblems); a change's text edits are in edits.ts. Pure: the extension host sends the
// results to the experiment editor webview.
import { getNodeValue, type Node } from 'jsonc-parser';
import type { Problem } from '../../model';
import { readTree } from './json-text';
import { BOOLEAN_KEYS, CHOICES, CHOICE_KEYS, FORM_KEYS, JSON_OBJECT_KEYS, LOAD_LIST_KEYS, NUMBER_KEYS, RETRY_KEYS, TEXT_KEYS, type FieldKey, type FieldProblem, type FormModel, type FormValues } from './fields';

export function formFromText(text: string): FormModel {
  const { root, errors } = readTree(text);
  const model: FormModel = { editable: errors.length === 0 && (root === undefined || root.type === 'object'), values: {}, raw: {}, otherKeys: [] };
  if (!root || root.type !== 'object') return model;
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode || typeof keyNode.value !== 'string') continue;
    readProperty(model, keyNode.value, valueNode, text);
  }
  return model;
}

function readProperty(model: FormModel, key: string, node: Node, text: string): void {
  const values = model.values;
  const raw = (field: FieldKey) => {
    model.raw[field] = text.slice(node.offset, node.offset + node.length);
  };
  if (isOneOf(key, LOAD_LIST_KEYS)) {
    const list = numbersOf(node);
    if (list !== undefined) values[key] = list;
    else raw(key);
  } else if (isOneOf(key, JSON_OBJECT_KEYS)) {
    if (node.type === 'object') values[key] = displayJson(text, node);
    else raw(key);
  } else if (isOneOf(key, TEXT_KEYS)) {
    if (node.type === 'string') values[key] = node.value as string;
    else raw(key);
  } else if (isOneOf(key, NUMBER_KEYS)) {
    if (node.type === 'number') values[key] = node.value as number;
    else raw(key);
  } else if (isOneOf(key, BOOLEAN_KEYS)) {
    if (node.type === 'boolean') values[key] = node.value as boolean;
    else raw(key);
  } else if (key === 'platform' || key === 'platforms') {
    model.platformKey = key;
    const items = key === 'platform' ? [node] : node.type === 'array' ? (node.children ?? []) : undefined;
    if (items && items.every((n) => n.type === 'string')) values.platforms = items.map((n) => n.value as string);
    else raw('platforms');
  } else if (key === 'mode') {
    if (node.type === 'string' && ['closed', 'open', 'burst'].includes(node.value as string)) values.mode = node.value as string;
    else raw('mode');
  } else if (isOneOf(key, CHOICE_KEYS)) {
    if (node.type === 'string' && CHOICES[key].includes(node.value as string)) values[key] = node.value as string;
    else raw(key);
  } else if (key === 'retry') {
    if (!readRetry(values, node)) raw('retry');
  } else if (key === 'rate') {
    if (!readRate(values, node)) raw('rate');
  } else if (key === 'memorySettings') {
    if (node.type === 'array' && (node.children ?? []).every((n) => n.type === 'number')) values.memorySettings = (node.children ?? []).map((n) => n.value as number);
    else raw('memorySettings');
  } else if (key === 'payloads') {
    if (node.type === 'array') values.payloads = (node.children ?? []).map((n) => displayJson(text, n));
    else raw('payloads');
  } else if (key === 'parentPayload') {
    values.parentPayload = displayJson(text, node);
  } else if (key !== '$schema' && !FORM_KEYS.includes(key)) {
    model.otherKeys.push(key);
  }
}

function readRate(values: FormValues, node: Node): boolean {
  if (node.type !== 'object') return false;
  const rate: NonNullable<FormValues['rate']> = {};
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    const rps = k?.value === 'rps' && v ? numbersOf(v) : undefined;
    if (rps !== undefined) rate.rps = rps;
    else if (k?.value === 'arrivals' && v?.type === 'string') rate.arrivals = v.value as string;
    else return false;
  }
  values.rate = rate;
  return true;
}

function readRetry(values: FormValues, node: Node): boolean {
  if (node.type !== 'object') return false;
  const retry: NonNullable<FormValues['retry']> = {};
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !isOneOf(String(k.value), RETRY_KEYS) || v?.type !== 'number') return false;
    retry[k.value as (typeof RETRY_KEYS)[number]] = v.value as number;
  }
  values.retry = retry;
  return true;
}

/** A number, or a non-empty list of numbers (a step per value). */
function numbersOf(node: Node): number | number[] | undefined {
  if (node.type === 'number') return node.value as number;
  const items = node.type === 'array' ? (node.children ?? []) : [];
  return items.length > 0 && items.every((n) => n.type === 'number') ? items.map((n) => n.value as number) : undefined;
}

/** A value's JSON as the user wrote it when it fits on one line; a multi-line one re-indented from column 0. */
function displayJson(text: string, node: Node): string {
  const written = text.slice(node.offset, node.offset + node.length);
  return written.includes('\n') ? JSON.stringify(getNodeValue(node), null, 2) : written;
}

function isOneOf<T extends string>(key: string, keys: readonly T[]): key is T {
  return (keys as readonly string[]).includes(key);
}

/** Places each problem on its field: by where it is in the file, else by the key its message starts with. */
export function locateProblems(text: string, problems: readonly Problem[]): FieldProblem[] {
  const { root } = readTree(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return problems.map((p) => {
    const offset = (lineStarts[p.range.startLine] ?? text.length) + p.range.startCol;
    const placed = root?.type === 'object' ? fieldAt(root, offset) : undefined;
    const located: FieldProblem = { field: placed?.field ?? fieldOfMessage(p.message), message: p.message, severity: p.severity, line: p.range.startLine + 1 };
    const index = placed?.index ?? indexOfMessage(p.message);
    if (index !== undefined) located.index = index;
    return located;
  });
}

function fieldAt(root: Node, offset: number): { field: FieldKey; index?: number } | undefined {
  for (const prop of root.children ?? []) {
    if (offset < prop.offset || offset >= prop.offset + prop.length) continue;
    const [keyNode, valueNode] = prop.children ?? [];
    const field = asField(String(keyNode?.value));
    if (!field) return undefined;
    const index = valueNode?.type === 'array' ? valueNode.children?.findIndex((c) => offset >= c.offset && offset < c.offset + c.length) : -1;
    return index !== undefined && index >= 0 && field !== 'platforms' ? { field, index } : { field };
  }
  return undefined;
}

function fieldOfMessage(message: string): FieldKey | '' {
  const key = /^([A-Za-z$]+)[[.:]/.exec(message)?.[1];
  return (key && asField(key)) || '';
}

function indexOfMessage(message: string): number | undefined {
  const match = /^(?:payloads|memorySettings)\[(\d+)\]/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function asField(key: string): FieldKey | undefined {
  if (key === 'platform') return 'platforms';
  return FORM_KEYS.includes(key) ? (key as FieldKey) : undefined;
}
