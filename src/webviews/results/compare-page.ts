// Two runs side by side: the changes that matter called out first, then per group a table of
// before/after figures and the two CDFs overlaid.
import type { ChartCards } from './cards';
import { comparisonCdfChart, METRIC_LABEL } from './charts-distribution';
import { el, replaceChildren } from '../shared/dom';
import { select } from './select';
import { ms, percent, signedPercent, usd } from '../../core/format';
import type { Palette } from './theme';
import type { ComparisonView, DeltaMetric, DistributionMetric, MetricDelta } from '../../core/results/view/types';

const DELTA_LABEL: Record<DeltaMetric, string> = {
  roundTripP50Ms: 'Round trip p50',
  roundTripP95Ms: 'Round trip p95',
  roundTripMeanMs: 'Round trip mean',
  runtimeP50Ms: 'Runtime p50',
  runtimeP95Ms: 'Runtime p95',
  runtimeMeanMs: 'Runtime mean',
  costPerMillionUSD: 'Cost / 1M calls',
  coldStartRate: 'Cold-start rate',
};

function deltaValue(metric: DeltaMetric, value: number): string {
  if (metric === 'costPerMillionUSD') return usd(value);
  if (metric === 'coldStartRate') return percent(value);
  return ms(value);
}

/** "Runtime p50 −20.3% (480 ms → 383 ms)" for every change beyond noise, worst first. */
export function callouts(view: ComparisonView): { group: string; delta: MetricDelta; text: string }[] {
  const out: { group: string; delta: MetricDelta; text: string }[] = [];
  for (const g of view.groups) {
    for (const d of g.deltas) {
      if (d.verdict === 'same') continue;
      const ci = d.ciOverlap === false ? ', 95% CIs apart' : '';
      out.push({ group: g.label, delta: d, text: `${DELTA_LABEL[d.metric]} ${signedPercent(d.changePct)} (${deltaValue(d.metric, d.before)} → ${deltaValue(d.metric, d.after)}${ci})` });
    }
  }
  return out.sort((a, b) => (a.delta.verdict === b.delta.verdict ? Math.abs(b.delta.changePct ?? 0) - Math.abs(a.delta.changePct ?? 0) : a.delta.verdict === 'worse' ? -1 : 1));
}

/** Every regression, and the largest improvements up to `max` lines in all; the rest are in the group tables. */
export function headline<T extends { delta: MetricDelta }>(found: T[], max = 8): { shown: T[]; more: number } {
  const worse = found.filter((c) => c.delta.verdict === 'worse');
  const better = found.filter((c) => c.delta.verdict === 'better').slice(0, Math.max(0, max - worse.length));
  const shown = [...worse, ...better];
  return { shown, more: found.length - shown.length };
}

export interface ComparePageActions {
  chooseMetric(metric: DistributionMetric): void;
  exportCsv(runDir: string): void;
}

export class ComparePage {
  readonly root = el('div', { className: 'page' });

  constructor(
    private readonly cards: ChartCards,
    private readonly actions: ComparePageActions,
  ) {}

  render(view: ComparisonView, metric: DistributionMetric, palette: Palette): void {
    const metrics: DistributionMetric[] = view.groups.some((g) => g.distributions.runtime) ? ['roundTripMs', 'runtime'] : ['roundTripMs'];
    const shown = metrics.includes(metric) ? metric : 'roundTripMs';
    const side = (name: string, run: ComparisonView['before']) =>
      el('div', { className: 'side' }, el('span', { className: 'badge' }, name), el('h1', {}, run.title), el('p', { className: 'subtitle' }, run.subtitle), el('button', { className: 'secondary', onclick: () => this.actions.exportCsv(run.runDir) }, 'Export CSV'));
    const found = callouts(view);
    const { shown: lines, more } = headline(found);
    const groups = view.groups.map((g) => {
      const charts = el('div', { className: 'grid' });
      const block = el('section', { className: 'compare-group' }, el('h2', {}, g.label), el('div', { className: 'compare-body' }, deltaTable(g.deltas), charts));
      return { block, charts, g };
    });
    replaceChildren(
      this.root,
      el('header', { className: 'page-head compare-head' }, side('before', view.before), el('span', { className: 'arrow', 'aria-hidden': 'true' }, '→'), side('after', view.after)),
      el(
        'section',
        { className: 'callouts' },
        el('h2', {}, 'What changed'),
        found.length === 0
          ? el('p', {}, 'No change beyond noise in any group both runs have.')
          : el(
              'ul',
              {},
              ...lines.map((c) => el('li', { className: c.delta.verdict }, el('span', { className: `verdict ${c.delta.verdict}` }, c.delta.verdict), ` ${c.group}: ${c.text}`)),
              more > 0 ? el('li', { className: 'more' }, `… and ${more} more ${more === 1 ? 'change' : 'changes'} beyond noise in the tables below.`) : null,
            ),
      ),
      el('ul', { className: 'notes' }, ...view.notes.map((n) => el('li', {}, n)), view.onlyBefore.length ? el('li', {}, `Only in before: ${view.onlyBefore.join(', ')}.`) : null, view.onlyAfter.length ? el('li', {}, `Only in after: ${view.onlyAfter.join(', ')}.`) : null),
      el('div', { className: 'controls' }, select('Metric', metrics.map((m) => ({ value: m, label: METRIC_LABEL[m] })), shown, (m) => this.actions.chooseMetric(m as DistributionMetric))),
      ...groups.map((x) => x.block),
    );
    this.cards.begin();
    groups.forEach(({ charts, g }, i) => {
      const pair = g.distributions[shown];
      this.cards.fill(charts, pair ? [comparisonCdfChart(`compare-cdf-${i}`, g.label, shown, pair, palette)] : []);
    });
    this.cards.finish();
  }
}

function deltaTable(deltas: MetricDelta[]): HTMLTableElement {
  const rows = deltas.map((d) =>
    el(
      'tr',
      { className: d.verdict },
      el('th', { scope: 'row' }, DELTA_LABEL[d.metric]),
      el('td', {}, deltaValue(d.metric, d.before)),
      el('td', {}, deltaValue(d.metric, d.after)),
      el('td', {}, signedPercent(d.changePct)),
      el('td', {}, el('span', { className: `verdict ${d.verdict}` }, d.verdict), d.ciOverlap === undefined ? '' : d.ciOverlap ? ' · CIs overlap' : ' · CIs apart'),
    ),
  );
  return el('table', { className: 'stats deltas' }, el('thead', {}, el('tr', {}, ...['', 'Before', 'After', 'Change', 'Verdict'].map((c) => el('th', { scope: 'col' }, c)))), el('tbody', {}, ...rows));
}
