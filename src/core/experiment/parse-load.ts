// The experiment file's load sweeps, idle probes and weighted payloads: positioned reads that
// parse.ts calls. Each returns undefined after reporting what to fix.
import type { Node } from 'jsonc-parser';
import { JsonChecker, describe, reportUnknown, type NumberRule } from './json-check';
import { IDLE_KEYS, IDLE_SEARCH_KEYS, STEPS_KEYS, WEIGHTED_PAYLOAD_KEYS } from './keys';
import type { IdlePlan } from './spec';

/** Most load steps or idle times in one experiment (each runs every iteration: more is a typo). */
export const MAX_STEPS = 1000;
/** Longest idle time probed, in seconds (a day: past every platform's keep-alive). */
export const MAX_IDLE_S = 86_400;

/** A number, or a list of them (a step per value). */
export function readLoadValue(check: JsonChecker, node: Node, path: string, rule: NumberRule, example: string): number | number[] | undefined {
  if (node.type !== 'array') return check.number(node, path, rule);
  const items = check.array(node, path, example);
  if (!items) return undefined;
  if (items.length === 0) {
    check.error(node, `${path}: empty list; give one value, or several for a step per value, e.g. ${example}`);
    return undefined;
  }
  if (items.length > MAX_STEPS) {
    check.error(node, `${path}: ${items.length} values; at most ${MAX_STEPS} steps, each running every iteration`);
    return undefined;
  }
  const out = items.map((item, i) => check.number(item, `${path}[${i}]`, rule));
  return out.every((v) => v !== undefined) ? (out as number[]) : undefined;
}

/** `{"from": 1, "to": 64, "factor": 2}` (or `"add": 5`): a growing load, from up to to. */
export function readSteps(check: JsonChecker, node: Node, loadName: string, rule: NumberRule): number[] | undefined {
  if (!check.object(node, 'steps', '{"from": 1, "to": 64, "factor": 2}')) return undefined;
  const props = check.properties(node, 'steps.');
  reportUnknown(check, props, STEPS_KEYS, 'steps.');
  const read = (key: (typeof STEPS_KEYS)[number], r: NumberRule): number | undefined => {
    const n = props.get(key)?.value;
    return n ? check.number(n, `steps.${key}`, r) : undefined;
  };
  const fromNode = props.get('from')?.value;
  const toNode = props.get('to')?.value;
  if (!fromNode || !toNode) {
    check.error(node, `steps: give the first and last ${loadName}, e.g. {"from": 1, "to": 64, "factor": 2}`);
    return undefined;
  }
  const from = read('from', rule);
  const to = read('to', rule);
  if (props.has('factor') && props.has('add')) {
    check.error(props.get('add')!.key, 'steps: use either "factor" (multiply each step) or "add" (add to each step), not both');
    return undefined;
  }
  const factor = read('factor', { min: 1, exclusiveMin: true, max: 1000 });
  const add = read('add', { min: 0, exclusiveMin: true, max: rule.max });
  if (from === undefined || to === undefined || (props.has('factor') && factor === undefined) || (props.has('add') && add === undefined)) return undefined;
  if (to < from) {
    check.error(toNode, `steps.to: ${to} is below steps.from (${from}); the load grows from "from" to "to"`);
    return undefined;
  }
  const loads: number[] = [];
  for (let v = from; v <= to + 1e-9; v = add !== undefined ? v + add : v * (factor ?? 2)) {
    loads.push(rule.integer ? Math.round(v) : Number(v.toPrecision(12)));
    if (loads.length > MAX_STEPS) {
      check.error(node, `steps: more than ${MAX_STEPS} steps from ${from} to ${to}; use a larger factor or add`);
      return undefined;
    }
  }
  return [...new Set(loads)];
}

/** `{"times": [1, 5, 30], "repeat": 5}` or `{"search": {"fromS": 1, "maxS": 1800, "precisionS": 1}, "repeat": 3}`. */
export function readIdle(check: JsonChecker, node: Node): IdlePlan | undefined {
  if (!check.object(node, 'idle', '{"times": [1, 5, 30], "repeat": 5}')) return undefined;
  const props = check.properties(node, 'idle.');
  reportUnknown(check, props, IDLE_KEYS, 'idle.');
  const timesNode = props.get('times')?.value;
  const searchNode = props.get('search')?.value;
  if ((timesNode ? 1 : 0) + (searchNode ? 1 : 0) !== 1) {
    check.error(timesNode && searchNode ? props.get('search')!.key : node, 'idle: give either "times" (idle times in seconds, e.g. [1, 5, 30]) or "search" (e.g. {"fromS": 1, "maxS": 1800, "precisionS": 1}), not both');
    return undefined;
  }
  const repeatNode = props.get('repeat')?.value;
  const repeat = repeatNode ? check.number(repeatNode, 'idle.repeat', { min: 1, max: 1000, integer: true }) : 1;
  if (repeat === undefined) return undefined;
  if (timesNode) {
    const times = readLoadValue(check, timesNode, 'idle.times', { min: 0, max: MAX_IDLE_S, unit: ' s' }, '[1, 5, 30]');
    if (times === undefined) return undefined;
    return { timesS: Array.isArray(times) ? times : [times], repeat };
  }
  if (!check.object(searchNode!, 'idle.search', '{"fromS": 1, "maxS": 1800, "precisionS": 1}')) return undefined;
  const sp = check.properties(searchNode!, 'idle.search.');
  reportUnknown(check, sp, IDLE_SEARCH_KEYS, 'idle.search.');
  const read = (key: (typeof IDLE_SEARCH_KEYS)[number], fallback: number | undefined): number | undefined => {
    const n = sp.get(key)?.value;
    if (!n) {
      if (fallback === undefined) check.error(searchNode!, `idle.search.${key}: missing; e.g. {"fromS": 1, "maxS": 1800, "precisionS": 1}`);
      return fallback;
    }
    return check.number(n, `idle.search.${key}`, { min: 0, exclusiveMin: true, max: MAX_IDLE_S, unit: ' s' });
  };
  const fromS = read('fromS', 1);
  const maxS = read('maxS', undefined);
  const precisionS = read('precisionS', 1);
  if (fromS === undefined || maxS === undefined || precisionS === undefined) return undefined;
  if (maxS < fromS) {
    check.error(sp.get('maxS')!.value, `idle.search.maxS: ${maxS} s is below fromS (${fromS} s); the search doubles from fromS up to maxS`);
    return undefined;
  }
  return { search: { fromS, maxS, precisionS }, repeat };
}

/** aws-lambda-power-tuning's `[{"payload": {...}, "weight": 5}, ...]`: the payloads and their weights. */
export function readWeightedPayloads(check: JsonChecker, items: Node[], hasParent: boolean): { payloads: unknown[]; weights: number[] } | undefined {
  const payloads: unknown[] = [];
  const weights: number[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const where = `payloads[${i}]`;
    if (item.type !== 'object') {
      check.error(item, `${where}: with "weightedPayloads": true each entry is {"payload": ..., "weight": n}, found ${describe(item)}`);
      ok = false;
      return;
    }
    const props = check.properties(item, `${where}.`);
    reportUnknown(check, props, WEIGHTED_PAYLOAD_KEYS, `${where}.`);
    const payloadNode = props.get('payload')?.value;
    const weightNode = props.get('weight')?.value;
    if (!payloadNode || !weightNode) {
      check.error(item, `${where}: with "weightedPayloads": true each entry is {"payload": ..., "weight": n}; add the missing ${payloadNode ? '"weight"' : '"payload"'}`);
      ok = false;
      return;
    }
    if (hasParent && payloadNode.type !== 'object') {
      check.error(payloadNode, `${where}.payload: ${describe(payloadNode)} cannot be merged with parentPayload; payloads must be objects when parentPayload is set`);
      ok = false;
    }
    const plain = check.plain(payloadNode, `${where}.payload`);
    const weight = check.number(weightNode, `${where}.weight`, { min: 0, exclusiveMin: true, max: 1_000_000 });
    if (!plain || weight === undefined) ok = false;
    payloads.push(plain?.value);
    weights.push(weight ?? 0);
  });
  return ok ? { payloads, weights } : undefined;
}

/** True when every entry is exactly {payload, weight}: likely meant as power tuning's weighted payloads. */
export function looksWeighted(items: Node[]): boolean {
  return items.every((item) => {
    const keys = item.type === 'object' ? (item.children ?? []).map((p) => p.children?.[0]?.value as unknown) : [];
    return keys.length === 2 && keys.includes('payload') && keys.includes('weight');
  });
}
