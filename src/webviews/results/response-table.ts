// The statistics table's returned-field columns: a number field's mean and median per group, any
// other field's most common values with their counts.
import { count } from '../../core/format';
import type { ResponseCell, ResponseField } from '../../core/results/view/response';

/** A returned number as the table shows it: four significant digits, thousands grouped. */
export function returnedNumber(value: number): string {
  return Number(value.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** The column heading of a returned field (told apart from FaaS Lab's own columns by the arrow). */
export function responseHeading(field: ResponseField): string {
  return `↩ ${field.name}`;
}

/** One cell's text (tested without a browser). */
export function responseCellText(cell: ResponseCell | undefined): string {
  if (!cell) return '–';
  if (cell.kind === 'number') return `mean ${returnedNumber(cell.mean)} · p50 ${returnedNumber(cell.p50)}`;
  const listed = cell.values.map((v) => `${v.value === '' ? '""' : v.value} ×${count(v.count)}`);
  if (cell.others > 0) listed.push(`others ×${count(cell.others)}`);
  return listed.join(' · ');
}

export function responseTitle(field: ResponseField): string {
  return field.kind === 'number'
    ? `${field.name}, returned by the function: mean and median per group (${count(field.calls)} calls returned it)`
    : `${field.name}, returned by the function: its most common values per group, with how many calls returned each`;
}
