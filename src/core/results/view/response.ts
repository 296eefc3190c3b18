// What the functions returned (each record's top-level `response` fields), shaped for the results
// explorer: which fields there are, per group a number field's mean and p50 or a text field's most
// common values, and the filter that keeps only the calls whose field equals a value. Pure.
import { count } from '../../format';
import { percentileSorted, sortedCopy } from '../stats';
import type { InvocationRecord } from '../record';

/** Keep the calls whose returned `field` equals `value` (the text the user typed or picked). */
export interface ResponseFilter {
  field: string;
  value: string;
}

/** Fields the statistics table shows: the ones most calls returned. */
export const MAX_RESPONSE_FIELDS = 12;
/** Values one table cell lists, most common first; the rest are counted together. */
export const MAX_CELL_VALUES = 5;
/** Values the filter offers for one field. */
export const MAX_FILTER_VALUES = 50;
/** A value longer than this is shortened in the table (and not offered as a filter value). */
export const MAX_VALUE_CHARS = 80;

export interface ResponseField {
  name: string;
  /** number: every value the calls returned is a number; values: anything else (text, booleans, objects). */
  kind: 'number' | 'values';
  /** Calls that returned the field. */
  calls: number;
  /** Its most common values, as the filter offers them. */
  values: string[];
}

export interface ValueCount {
  value: string;
  count: number;
}

export type ResponseCell = { kind: 'number'; n: number; mean: number; p50: number } | { kind: 'values'; values: ValueCount[]; others: number };

export interface ResponseView {
  fields: ResponseField[];
  /** Returned fields the table leaves out (more than MAX_RESPONSE_FIELDS). */
  omitted: number;
  /** The filter in force, with how many of the run's calls it kept. */
  filter?: ResponseFilter & { matched: number; of: number };
}

/** The text of a returned value: strings as they are, everything else as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Whether a returned value equals what the user typed: `hello` or `"hello"` for text, `1` or `1.0`
 * for a number, `true`, `null`, or an object's JSON text. A quoted value matches text only.
 */
export function valueMatches(value: unknown, typed: string): boolean {
  const wanted = typed.trim();
  if (/^".*"$/.test(wanted)) {
    try {
      return typeof value === 'string' && value === JSON.parse(wanted);
    } catch {
      return false;
    }
  }
  if (typeof value === 'number') return wanted !== '' && Number(wanted) === value;
  if (typeof value === 'string') return value === typed || value === wanted;
  return valueText(value) === wanted;
}

function returned(r: InvocationRecord): Record<string, unknown> | undefined {
  return r.response !== null && typeof r.response === 'object' ? r.response : undefined;
}

/** The calls whose returned field equals the filter's value; calls that did not return it are left out. */
export function filterByResponse(records: readonly InvocationRecord[], filter: ResponseFilter): InvocationRecord[] {
  return records.filter((r) => {
    const response = returned(r);
    return response !== undefined && Object.hasOwn(response, filter.field) && valueMatches(response[filter.field], filter.value);
  });
}

function countValues(values: readonly unknown[]): ValueCount[] {
  const counts = new Map<string, number>();
  for (const v of values) {
    const text = valueText(v);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** The returned fields of the measured calls, most returned first (ties: the order calls returned them). */
export function responseFields(records: readonly InvocationRecord[]): { fields: ResponseField[]; omitted: number } {
  const byName = new Map<string, unknown[]>();
  for (const r of records) {
    const response = r.warmup ? undefined : returned(r);
    if (!response) continue;
    for (const [name, value] of Object.entries(response)) {
      const values = byName.get(name);
      if (values) values.push(value);
      else byName.set(name, [value]);
    }
  }
  const all = [...byName].sort((a, b) => b[1].length - a[1].length);
  const fields = all.slice(0, MAX_RESPONSE_FIELDS).map(([name, values]): ResponseField => ({
    name,
    kind: values.every((v) => typeof v === 'number' && Number.isFinite(v)) ? 'number' : 'values',
    calls: values.length,
    values: countValues(values)
      .filter((c) => c.value.length <= MAX_VALUE_CHARS)
      .slice(0, MAX_FILTER_VALUES)
      .map((c) => c.value),
  }));
  return { fields, omitted: all.length - fields.length };
}

/** One group's cells: a number field's mean and median, another field's most common values with counts. */
export function responseCells(records: readonly InvocationRecord[], fields: readonly ResponseField[]): Partial<Record<string, ResponseCell>> {
  const cells: Partial<Record<string, ResponseCell>> = {};
  for (const field of fields) {
    const values: unknown[] = [];
    for (const r of records) {
      const response = returned(r);
      if (response && Object.hasOwn(response, field.name)) values.push(response[field.name]);
    }
    if (values.length === 0) continue;
    if (field.kind === 'number') {
      const numbers = values as number[];
      const mean = numbers.reduce((sum, v) => sum + v, 0) / numbers.length;
      cells[field.name] = { kind: 'number', n: numbers.length, mean, p50: percentileSorted(sortedCopy(numbers), 0.5) };
    } else {
      const counted = countValues(values);
      const shown = counted.slice(0, MAX_CELL_VALUES);
      cells[field.name] = { kind: 'values', values: shown.map((c) => ({ value: shorten(c.value), count: c.count })), others: values.length - shown.reduce((sum, c) => sum + c.count, 0) };
    }
  }
  return cells;
}

/** Notes the reader needs: what the filter keeps, fields left out, responses cut when recorded. */
export function responseNotes(view: ResponseView, records: readonly InvocationRecord[]): string[] {
  const notes: string[] = [];
  const f = view.filter;
  if (f) notes.push(`Only the calls whose returned ${f.field} == ${f.value.trim()}: ${count(f.matched)} of ${count(f.of)} calls.`);
  if (view.omitted > 0) notes.push(`The functions returned ${view.fields.length + view.omitted} fields; the table shows the ${view.fields.length} most calls returned.`);
  const cut = records.filter((r) => r.responseNote !== undefined).length;
  if (cut > 0) notes.push(`${count(cut)} ${cut === 1 ? 'call' : 'calls'} returned more than is recorded: those fields were cut (responseNote in the CSV says what).`);
  return notes;
}

/** The run's returned fields and the filter in force (undefined: no call returned anything and nothing is filtered). */
export function responseView(all: readonly InvocationRecord[], kept: readonly InvocationRecord[], filter?: ResponseFilter): ResponseView | undefined {
  const { fields, omitted } = responseFields(all);
  if (fields.length === 0 && !filter) return undefined;
  const view: ResponseView = { fields, omitted };
  if (filter) view.filter = { ...filter, matched: kept.length, of: all.length };
  return view;
}
