// One run: header with live badge and CSV export, the group and metric pickers, the chart
// sections and the statistics table. Built once; later renders (live data, theme) update it in place.
import type { ChartCards } from './cards';
import { cdfChart, histogramChart, METRIC_LABEL } from './charts-distribution';
import { cpuChart, costChart, percentilesChart } from './charts-memory';
import { coldWarmChart, concurrencyChart, latencyChart } from './charts-timeline';
import { coldSignalsChart, idleColdChart, loadStepChart, scaleOutChart } from './charts-experiments';
import { nestedHopsChart } from './charts-nested';
import { el, replaceChildren } from '../shared/dom';
import { select } from './select';
import { count } from '../../core/format';
import { statsTable } from './table';
import { ResponseFilterControl } from './response-filter';
import type { ResponseFilter } from '../../core/results/view/response';
import type { Palette } from './theme';
import type { DistributionMetric, RunView } from '../../core/results/view/types';

export interface PageChoices {
  metric: DistributionMetric;
  group?: string;
}

export interface RunPageActions {
  choose(choices: PageChoices): void;
  exportCsv(runDir: string): void;
  resume(): void;
  /** Restrict the run to the calls whose returned field equals a value (undefined: every call). */
  filter(filter: ResponseFilter | undefined): void;
}

/** The group to show: the chosen one while it exists, else the first group with data for the metric. */
export function effectiveGroup(view: RunView, choices: PageChoices): string | undefined {
  if (choices.group && view.groups.some((g) => g.key === choices.group)) return choices.group;
  return (view.groups.find((g) => g.distributions[choices.metric]) ?? view.groups[0])?.key;
}

/** Runtime is offered only when some group reports it. */
export function availableMetrics(view: RunView): DistributionMetric[] {
  return view.groups.some((g) => g.distributions.runtime) ? ['roundTripMs', 'runtime'] : ['roundTripMs'];
}

export class RunPage {
  private readonly header = el('header', { className: 'page-head' });
  private readonly notes = el('ul', { className: 'notes' });
  private readonly controls = el('div', { className: 'controls' });
  private readonly distribution = el('div', { className: 'grid' });
  private readonly byMemory = el('div', { className: 'grid' });
  private readonly coldWarm = el('div', { className: 'grid' });
  private readonly overTime = el('div', { className: 'grid' });
  private readonly experiments = el('div', { className: 'grid' });
  private readonly nested = el('div', { className: 'grid' });
  /** Shown only for runs whose function called others. */
  private readonly nestedSection = el('section', {}, el('h2', {}, 'Nested calls'), this.nested);
  private readonly table = el('div', { className: 'table-wrap' });
  private readonly filter: ResponseFilterControl;
  readonly root: HTMLElement;

  constructor(
    private readonly cards: ChartCards,
    private readonly actions: RunPageActions,
  ) {
    const section = (title: string, body: HTMLElement) => el('section', {}, el('h2', {}, title), body);
    this.filter = new ResponseFilterControl((filter) => this.actions.filter(filter));
    this.root = el(
      'div',
      { className: 'page' },
      this.header,
      this.notes,
      this.controls,
      this.filter.root,
      section('Distribution', this.distribution),
      section('Per memory size', this.byMemory),
      section('Cold and warm starts', this.coldWarm),
      section('Over time', this.overTime),
      section('Load, idle time and scale-out', this.experiments),
      this.nestedSection,
      section('Statistics', this.table),
    );
  }

  render(view: RunView, choices: PageChoices, palette: Palette): void {
    const metrics = availableMetrics(view);
    const metric = metrics.includes(choices.metric) ? choices.metric : 'roundTripMs';
    const groupKey = effectiveGroup(view, { ...choices, metric });
    const group = view.groups.find((g) => g.key === groupKey);
    const target = group?.target ?? view.memory[0]?.target;

    replaceChildren(
      this.header,
      el('div', {}, el('h1', {}, view.title, view.live ? el('span', { className: 'badge live', title: 'The run is still going: charts update as calls are recorded' }, 'live') : null), el('p', { className: 'subtitle' }, view.subtitle)),
      el(
        'div',
        { className: 'actions' },
        view.resumable ? el('button', { id: 'resume-run', onclick: () => this.actions.resume(), title: 'Make the calls this run has not recorded yet, without repeating any' }, 'Resume run') : null,
        el('button', { className: view.resumable ? 'secondary' : '', onclick: () => this.actions.exportCsv(view.runDir), title: 'Save every recorded call as CSV' }, 'Export CSV'),
      ),
    );
    replaceChildren(this.notes, ...view.notes.map((n) => el('li', {}, n)));
    this.filter.update(view.response);
    replaceChildren(
      this.controls,
      select('Group', view.groups.map((g) => ({ value: g.key, label: `${g.label} (${count(g.n)})` })), groupKey, (key) => this.actions.choose({ metric, group: key })),
      select('Metric', metrics.map((m) => ({ value: m, label: METRIC_LABEL[m] })), metric, (m) => this.actions.choose({ metric: m as DistributionMetric, group: groupKey })),
    );

    this.cards.begin();
    this.cards.fill(this.distribution, [group && histogramChart(group, metric, palette), cdfChart(view.groups, groupKey, metric, palette)]);
    const memory = view.memory.find((m) => m.target === target);
    this.cards.fill(this.byMemory, memory ? [percentilesChart(memory, palette), costChart(memory, palette), cpuChart(memory, palette)] : []);
    this.cards.fill(this.coldWarm, [coldWarmChart(view.groups, palette)]);
    this.cards.fill(this.overTime, view.timeline ? [concurrencyChart(view.timeline, palette), latencyChart(view.timeline, palette)] : []);
    const x = view.experiments;
    this.cards.fill(this.experiments, [x.loadSteps && loadStepChart(x.loadSteps, palette), x.idleCold && idleColdChart(x.idleCold, palette), x.scaleOut && scaleOutChart(x.scaleOut, palette), x.coldSignals && coldSignalsChart(x.coldSignals, palette)]);
    this.cards.fill(this.nested, view.nested ? [nestedHopsChart(view.nested, palette)] : []);
    this.cards.finish();
    // A filter that keeps no call says so, rather than that nothing was recorded.
    const f = view.response?.filter;
    const none = f?.matched === 0 ? `No call returned ${f.field} == ${f.value.trim()}.` : undefined;
    emptyNote(this.distribution, none ?? 'No ok calls recorded yet.');
    emptyNote(this.byMemory, none ?? 'No calls recorded yet.');
    emptyNote(this.coldWarm, none ?? 'No call said whether it started a new instance.');
    emptyNote(this.overTime, none ?? 'No calls recorded yet.');
    emptyNote(this.experiments, none ?? 'No load steps, idle-time probes, instance ids or cold-start signals to compare in this run.');
    this.nestedSection.hidden = !view.nested;

    replaceChildren(
      this.table,
      view.table.length > 0 ? statsTable(view.table, metric, groupKey, (key) => this.actions.choose({ metric, group: key }), view.response?.fields) : el('p', { className: 'empty' }, none ?? 'No calls recorded yet.'),
      el('p', { className: 'caption' }, `${METRIC_LABEL[metric]} of ok calls. ${count(view.totals.summarized)} calls summarised, ${count(view.totals.failed)} failed${view.totals.warmupExcluded ? `, ${count(view.totals.warmupExcluded)} warm-ups left out` : ''}.`),
    );
  }
}

/** Says why a section is empty instead of leaving a gap. */
function emptyNote(section: HTMLElement, text: string): void {
  const existing = section.querySelector(':scope > p.empty');
  const hasCards = section.querySelector(':scope > figure') !== null;
  if (hasCards) existing?.remove();
  else if (existing) existing.textContent = text;
  else section.appendChild(el('p', { className: 'empty' }, text));
}
