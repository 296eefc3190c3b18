// The live estimate beside the form: calls, time and cost of the experiment as it stands, with
// how each figure was worked out and what is not known (a cost is never guessed).
import { count, duration, memorySize, usd } from '../../core/format';
import type { EstimateView } from './protocol';
import { el } from '../shared/dom';

export function estimatePanel(): { root: HTMLElement; show(estimate: EstimateView | undefined): void } {
  const body = el('div', { className: 'estimate-body' }, el('p', { className: 'muted' }, 'Working out the estimate…'));
  const root = el('aside', { className: 'estimate', id: 'estimate', 'aria-labelledby': 'estimate-title', 'aria-live': 'polite' }, el('h2', { id: 'estimate-title' }, 'Estimate'), body);
  return {
    root,
    show(estimate) {
      if (!estimate) return;
      if (estimate.kind === 'unavailable') {
        body.replaceChildren(el('p', { className: 'estimate-unavailable' }, estimate.reason));
        return;
      }
      const over = estimate.budgetUSD !== undefined && estimate.costUSD !== undefined && estimate.costUSD > estimate.budgetUSD;
      const parts: Array<HTMLElement | null> = [
        el(
          'dl',
          { className: 'figures' },
          figure('Calls', count(estimate.calls), estimate.warmupCalls > 0 ? `${count(estimate.warmupCalls)} of them warm-up` : undefined, 'estimate-calls'),
          figure('Time', `≈ ${duration(estimate.durationMs)}`, undefined, 'estimate-time'),
          figure('Cost', estimate.costUSD === undefined ? 'unknown' : usd(estimate.costUSD), estimate.budgetUSD === undefined ? undefined : `budget ${usd(estimate.budgetUSD)}`, 'estimate-cost'),
        ),
        over ? el('p', { className: 'estimate-over', role: 'alert' }, 'Above the budget: the run will be refused. Raise budgetUSD, or plan fewer calls.') : null,
        linesTable(estimate),
        el('p', { className: 'basis' }, `Time: ${estimate.durationBasis}.`),
        estimate.costBasis ? el('p', { className: 'basis' }, `Cost: list prices at ${estimate.costBasis}.`) : null,
        estimate.notes.length > 0 ? el('ul', { className: 'notes' }, ...estimate.notes.map((n) => el('li', {}, n))) : null,
      ];
      body.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    },
  };
}

function figure(label: string, value: string, detail: string | undefined, id: string): HTMLElement {
  return el('div', { className: 'figure', id }, el('dt', {}, label), el('dd', {}, el('span', { className: 'figure-value' }, value), detail ? el('span', { className: 'figure-detail' }, detail) : null));
}

function linesTable(estimate: Extract<EstimateView, { kind: 'estimate' }>): HTMLElement {
  return el(
    'table',
    { className: 'lines' },
    el('caption', { className: 'visually-hidden' }, 'Calls and cost per platform and memory size'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Platform'), el('th', { scope: 'col' }, 'Memory'), el('th', { scope: 'col', className: 'num' }, 'Calls'), el('th', { scope: 'col', className: 'num' }, 'Cost'))),
    el(
      'tbody',
      {},
      ...estimate.lines.map((l) =>
        el(
          'tr',
          {},
          el('td', {}, l.platform),
          el('td', {}, l.memoryMB === 0 ? 'as deployed' : memorySize(l.memoryMB)),
          el('td', { className: 'num' }, count(l.calls)),
          el('td', { className: 'num' }, usd(l.costUSD)),
        ),
      ),
    ),
  );
}
