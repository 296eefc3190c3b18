// The statistics table: one row per group, the chosen metric's mean ± 95% CI and percentiles.
import { el } from '../shared/dom';
import { count, meanWithCi, ms, percent, usd } from '../../core/format';
import type { DistributionMetric, StatsRow } from '../../core/results/view/types';
import type { ResponseField } from '../../core/results/view/response';
import { responseCellText, responseHeading, responseTitle } from './response-table';

export const TABLE_COLUMNS = ['Group', 'Calls', 'Failed', 'Mean ± 95% CI', 'p50', 'p90', 'p95', 'p99', 'Cold starts', 'Cost / 1M calls'] as const;

/** The cells of one row as the table shows them (tested without a browser). */
export function rowCells(row: StatsRow, metric: DistributionMetric): string[] {
  const m = row.metrics[metric];
  return [
    row.label,
    count(row.n),
    row.failed === 0 ? '0' : `${count(row.failed)} (${percent(row.failed / row.n)})`,
    m ? meanWithCi(m.mean, m.ciLow, m.ciHigh) : '–',
    ms(m?.p50),
    ms(m?.p90),
    ms(m?.p95),
    ms(m?.p99),
    percent(row.coldStartRate),
    usd(row.costPerMillionUSD),
  ];
}

/** `returned`: the functions' returned fields, one column each after FaaS Lab's own. */
export function statsTable(rows: StatsRow[], metric: DistributionMetric, selected: string | undefined, choose: (key: string) => void, returned: readonly ResponseField[] = []): HTMLTableElement {
  const head = el(
    'tr',
    {},
    ...TABLE_COLUMNS.map((c) => el('th', { scope: 'col' }, c)),
    ...returned.map((f) => el('th', { scope: 'col', className: 'returned', 'data-field': f.name, title: responseTitle(f) }, responseHeading(f))),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      { className: row.key === selected ? 'selected' : undefined, 'data-key': row.key, tabindex: 0, title: 'Show this group in the distribution charts', onclick: () => choose(row.key), onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && choose(row.key) },
      ...rowCells(row, metric).map((text, i) => (i === 0 ? el('th', { scope: 'row' }, text) : el('td', {}, text))),
      ...returned.map((f) => el('td', { className: 'returned', 'data-field': f.name }, responseCellText(row.response?.[f.name]))),
    ),
  );
  return el('table', { className: 'stats' }, el('thead', {}, head), el('tbody', {}, ...body));
}
