// A form change -> the smallest text edits that make it, in the file's own style. Each change is
// worked out on the text with jsonc-parser's modify() (plus direct edits that keep one-line lists
// and objects on one line), then reduced to the one span that really changed, so comments, key
// order and formatting elsewhere are left exactly as they were.
import { applyEdits, findNodeAtLocation, modify, type Edit, type JSONPath, type Node } from 'jsonc-parser';
import { EXPERIMENT_KEYS } from '../keys';
import { AS_DEPLOYED, MAX_MEMORY_MB, MIN_MEMORY_MB } from '../spec';
import { isPlatformId } from '../../model';
import { balancedWeightProblem, choiceProblem, headersProblem, retryProblem, textProblem } from './checks';
import { ARRIVALS, type FieldKey, type FormChange, type RetryKey } from './fields';
import { checkJson, checkPayloadText, formattingOf, inlineJson, isPlainObject, isSpaced, minimalEdits, readTree } from './json-text';

type EditResult = { ok: true; edits: Edit[] } | { ok: false; message: string };

/** What a JSON object field holds, for the message that refuses another value. */
const JSON_EXAMPLES = { steps: '{"from": 1, "to": 64, "factor": 2}', idle: '{"times": [1, 5, 30], "repeat": 5}', headers: '{"Authorization": "Bearer …"}' } as const;

/** A new rate when the mode becomes "open" and the file has none (the schema's default). */
const DEFAULT_RATE = { rps: 10, arrivals: 'constant' } as const;

export function editsForChange(text: string, change: FormChange): EditResult {
  const { root, errors } = readTree(text);
  if (errors.length > 0 || (root !== undefined && root.type !== 'object')) {
    return fail('the file is not a valid JSON object, so the form cannot change it; fix the syntax in the text editor first');
  }
  try {
    const after = apply(text, change);
    return typeof after === 'string' ? { ok: true, edits: minimalEdits(text, after) } : after;
  } catch (err) {
    return fail(`could not change the file: ${(err as Error).message}`);
  }
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

function apply(text: string, change: FormChange): string | { ok: false; message: string } {
  switch (change.kind) {
    case 'text': {
      // A body template is sent as written: its spaces and line breaks are the user's.
      const value = change.key === 'bodyTemplate' ? change.value : change.value.trim();
      if (value === '' && change.key === 'function') return fail('function: required; name the deployed function, e.g. "hello"');
      const problem = textProblem(change.key, value);
      if (problem) return fail(problem);
      return setValue(text, [change.key], value === '' ? undefined : value);
    }
    case 'number':
      if (change.value !== null && !Number.isFinite(change.value)) return fail(`${change.key}: not a number`);
      if (change.key === 'balancedWeight' && change.value !== null) {
        const problem = balancedWeightProblem(change.value);
        if (problem) return fail(problem);
      }
      return setValue(text, [change.key], change.value ?? undefined);
    case 'choice': {
      const problem = change.value === null ? undefined : choiceProblem(change.key, change.value);
      if (problem) return fail(problem);
      return setValue(text, [change.key], change.value ?? undefined);
    }
    case 'retry':
      return setRetry(text, change.key, change.value);
    case 'boolean':
      return setValue(text, [change.key], change.value);
    case 'function': {
      const name = change.name.trim();
      if (name === '') return fail('function: required; name the deployed function, e.g. "hello"');
      const source = change.source?.trim();
      return setValue(setValue(text, ['function'], name), ['source'], source ? source : undefined);
    }
    case 'platforms':
      return setPlatforms(text, change.platforms);
    case 'mode': {
      const withMode = setValue(text, ['mode'], change.mode);
      return change.mode === 'open' && !nodeAt(withMode, ['rate']) ? setValue(withMode, ['rate'], { ...DEFAULT_RATE }) : withMode;
    }
    case 'loadList': {
      const bad = change.values.find((v) => !(Number.isInteger(v) && v >= 1));
      if (bad !== undefined) return fail(`${change.key}: ${bad} is not a whole number from 1; give one value, or several separated by commas for a step per value`);
      return setValue(text, [change.key], change.values.length === 0 ? undefined : change.values.length === 1 ? change.values[0] : change.values);
    }
    case 'json': {
      if (change.text.trim() === '') return setValue(text, [change.key], undefined);
      const checked = checkJson(change.text);
      if (!checked.ok) return fail(`${change.key}: ${checked.message}`);
      if (!isPlainObject(checked.value)) return fail(`${change.key}: must be a JSON object ({ ... }), e.g. ${JSON_EXAMPLES[change.key]}; nothing was written`);
      const headers = change.key === 'headers' ? headersProblem(checked.value) : undefined;
      if (headers) return fail(headers);
      return setValue(text, [change.key], checked.value, change.text);
    }
    case 'rate': {
      const rates = Array.isArray(change.rps) ? change.rps : [change.rps];
      if (rates.length === 0 || rates.some((r) => !(r > 0) || !Number.isFinite(r))) return fail('rate.rps: must be a number above 0 (arrivals per second), or several separated by commas for a step per rate');
      if (!ARRIVALS.includes(change.arrivals)) return fail(`rate.arrivals: use ${ARRIVALS.map((a) => `"${a}"`).join(' or ')}`);
      if (nodeAt(text, ['rate'])?.type !== 'object') return setValue(text, ['rate'], { rps: change.rps, arrivals: change.arrivals });
      return setValue(setValue(text, ['rate', 'rps'], change.rps), ['rate', 'arrivals'], change.arrivals);
    }
    case 'memorySettings': {
      const bad = change.memoryMB.find((mb) => mb !== AS_DEPLOYED && !(Number.isInteger(mb) && mb >= MIN_MEMORY_MB && mb <= MAX_MEMORY_MB));
      if (bad !== undefined) return fail(`memorySettings: ${bad} MB is not a memory size; use a whole number of MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB}`);
      return setValue(text, ['memorySettings'], change.memoryMB.length === 0 ? undefined : change.memoryMB);
    }
    case 'addPayload':
    case 'editPayload':
    case 'removePayload':
      return changePayloads(text, change);
    case 'parentPayload': {
      if (change.text.trim() === '') return setValue(text, ['parentPayload'], undefined);
      const checked = checkJson(change.text);
      if (!checked.ok) return fail(`parentPayload: ${checked.message}`);
      if (!isPlainObject(checked.value)) return fail('parentPayload: must be a JSON object ({ ... }) whose keys are merged under each payload; nothing was written');
      return setValue(text, ['parentPayload'], checked.value, change.text);
    }
  }
}

/** Sets one key of "retry" (creating the object), or removes it (and "retry" with its last key). */
function setRetry(text: string, key: RetryKey, value: number | null): string | { ok: false; message: string } {
  const retry = nodeAt(text, ['retry']);
  if (value === null) {
    if (retry?.type !== 'object') return text;
    const keys = (retry.children ?? []).map((p) => String(p.children?.[0]?.value));
    return setValue(text, keys.length === 1 && keys[0] === key ? ['retry'] : ['retry', key], undefined);
  }
  const problem = retryProblem(key, value);
  if (problem) return fail(problem);
  if (retry?.type !== 'object') return setValue(text, ['retry'], { [key]: value });
  return setValue(text, ['retry', key], value);
}

function setPlatforms(text: string, platforms: readonly string[]): string | { ok: false; message: string } {
  if (platforms.length === 0) return fail('platforms: choose at least one platform');
  const unknown = platforms.find((p) => !isPlatformId(p));
  if (unknown !== undefined) return fail(`platforms: "${unknown}" is not a FaaS Lab platform`);
  if (new Set(platforms).size !== platforms.length) return fail('platforms: list each platform once');
  const single = nodeAt(text, ['platform']);
  const many = nodeAt(text, ['platforms']);
  if (many || (!single && platforms.length > 1)) return setValue(text, ['platforms'], [...platforms]);
  if (platforms.length === 1) return setValue(text, ['platform'], platforms[0]);
  // Several platforms in a file that names one: the key becomes "platforms", in the same place.
  const property = single!.parent!;
  return replace(text, property.offset, property.length, `"platforms": ${inlineJson(platforms, /, |": /.test(text))}`);
}

function changePayloads(text: string, change: Extract<FormChange, { kind: 'addPayload' | 'editPayload' | 'removePayload' }>): string | { ok: false; message: string } {
  const list = nodeAt(text, ['payloads']);
  if (list && list.type !== 'array') return fail('payloads: the file does not hold a list here; fix it in the text editor first');
  const items = list?.children ?? [];
  const where = change.kind === 'addPayload' ? `payloads[${items.length}]` : `payloads[${change.index}]`;
  if (change.kind !== 'addPayload' && (change.index < 0 || change.index >= items.length)) return fail(`${where}: there is no such payload (the file has ${items.length})`);
  if (change.kind === 'removePayload') {
    // The last payload gone: the key goes too, and each call sends {} (an empty list is an error).
    if (items.length === 1) return setValue(text, ['payloads'], undefined);
    return removeItem(text, list!, change.index);
  }
  const parent = nodeAt(text, ['parentPayload']);
  const mustBeObject = parent?.type === 'object' && (parent.children?.length ?? 0) > 0;
  const checked = checkPayloadText(change.text, mustBeObject);
  if (!checked.ok) return fail(`${where}: ${checked.message}`);
  if (change.kind === 'editPayload') return setValue(text, ['payloads', change.index], checked.value, change.text);
  if (!list) return setValue(text, ['payloads'], [checked.value]);
  return addItem(text, list, checked.value, change.text);
}

/** Sets (or with undefined, removes) the value at `path`; `typed` is the user's own JSON for it, kept when it fits on one line. */
function setValue(text: string, path: JSONPath, value: unknown, typed?: string): string {
  const node = nodeAt(text, path);
  if (value === undefined) return node ? modifyText(text, path, undefined) : text;
  if (node && !written(text, node).includes('\n')) {
    if (typed !== undefined && !typed.trim().includes('\n')) return replace(text, node.offset, node.length, typed.trim());
    if (value !== null && typeof value === 'object') return replace(text, node.offset, node.length, inlineJson(value, spacedLike(text, node)));
  }
  return (path.length === 1 && !node && insertLine(text, String(path[0]), value)) || modifyText(text, path, value);
}

/**
 * A new top-level key on a line of its own, before the key that follows it in the schema's order
 * (or after the last): comments at the ends of neighbouring lines stay with their own keys.
 * Undefined when the object is not laid out one key per line (modify() handles that).
 */
function insertLine(text: string, key: string, value: unknown): string | undefined {
  const { root } = readTree(text);
  const props = root?.type === 'object' ? (root.children ?? []) : [];
  if (props.length === 0) return undefined;
  const format = formattingOf(text);
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const indent = text.slice(lineStart(props[0].offset), props[0].offset);
  if (!/^[ \t]+$/.test(indent)) return undefined;
  const unit = format.insertSpaces ? ' '.repeat(format.tabSize ?? 2) : '\t';
  const json = JSON.stringify(value, null, unit).split('\n').join(`${format.eol}${indent}`);
  const line = `${indent}${JSON.stringify(key)}: ${json}`;
  const at = insertionIndex(props.map((p) => String(p.children?.[0]?.value)), key);
  const next = props[at];
  if (next) {
    const start = lineStart(next.offset);
    return text.slice(start, next.offset) === indent ? replace(text, start, 0, `${line},${format.eol}`) : undefined;
  }
  const last = props[props.length - 1];
  const end = last.offset + last.length;
  const eol = text.indexOf('\n', end);
  if (eol < 0) return undefined;
  const lineEnd = text[eol - 1] === '\r' ? eol - 1 : eol;
  // Only a comment may follow the last key on its line; a closing } there means a one-line layout.
  if (!/^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(text.slice(end, lineEnd))) return undefined;
  return replace(replace(text, lineEnd, 0, `${format.eol}${line}`), end, 0, ',');
}

function addItem(text: string, list: Node, value: unknown, typed: string): string {
  const items = list.children ?? [];
  if (written(text, list).includes('\n')) return modifyText(text, ['payloads', items.length], value, true);
  const spaced = spacedLike(text, list);
  const item = typed.trim().includes('\n') ? inlineJson(value, spaced) : typed.trim();
  const last = items[items.length - 1];
  if (!last) return replace(text, list.offset, list.length, `[${item}]`);
  return replace(text, last.offset + last.length, 0, `${spaced ? ', ' : ','}${item}`);
}

function removeItem(text: string, list: Node, index: number): string {
  const items = list.children!;
  if (written(text, list).includes('\n')) return modifyText(text, ['payloads', index], undefined);
  const item = items[index];
  // Take the separator before the item (or, for the first, the one after it) along with it.
  if (index > 0) {
    const prev = items[index - 1];
    return replace(text, prev.offset + prev.length, item.offset + item.length - (prev.offset + prev.length), '');
  }
  const next = items[1];
  return replace(text, item.offset, next.offset - item.offset, '');
}

function modifyText(text: string, path: JSONPath, value: unknown, isArrayInsertion = false): string {
  // A removal is not formatted: formatting would re-indent the neighbour the removal touches.
  const formattingOptions = value === undefined ? undefined : formattingOf(text);
  const edits = modify(text, path, value, { formattingOptions, isArrayInsertion, getInsertionIndex: (keys) => insertionIndex(keys, String(path[0])) });
  return applyEdits(text, edits);
}

/** New keys go after the last key that comes before them in the schema's order, so files read in a familiar order. */
function insertionIndex(existing: string[], key: string): number {
  const rank = (k: string) => (EXPERIMENT_KEYS as readonly string[]).indexOf(k);
  const mine = rank(key);
  let at = 0;
  existing.forEach((k, i) => {
    if (rank(k) <= mine) at = i + 1;
  });
  return at;
}

function replace(text: string, offset: number, length: number, content: string): string {
  const edit: Edit = { offset, length, content };
  return applyEdits(text, [edit]);
}

function nodeAt(text: string, path: JSONPath): Node | undefined {
  const { root } = readTree(text);
  return root ? findNodeAtLocation(root, path) : undefined;
}

function written(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

/** One-line JSON like the value it replaces; an empty [] or {} takes the file's style. */
function spacedLike(text: string, node: Node): boolean {
  const w = written(text, node);
  return w.replace(/\s/g, '').length <= 2 ? /": /.test(text) : isSpaced(w);
}

/** The field a change is shown beside when it is rejected. */
export function fieldOfChange(change: FormChange): FieldKey {
  switch (change.kind) {
    case 'text':
    case 'number':
    case 'boolean':
    case 'loadList':
    case 'json':
    case 'choice':
      return change.key;
    case 'retry':
      return 'retry';
    case 'function':
      return 'function';
    case 'addPayload':
    case 'editPayload':
    case 'removePayload':
      return 'payloads';
    case 'platforms':
    case 'mode':
    case 'rate':
    case 'memorySettings':
    case 'parentPayload':
      return change.kind;
  }
}
