// The returned-field filter above a run's charts: pick a field the functions returned, type or
// pick a value, and the host reshapes the run from only the calls whose field equals it. Built
// once and updated in place, so a live update never wipes what the user is typing.
import { count } from '../../core/format';
import type { ResponseFilter, ResponseView } from '../../core/results/view/response';
import { el, isFocused, replaceChildren } from '../shared/dom';

const SUGGESTIONS_ID = 'returned-values';

export class ResponseFilterControl {
  private readonly field = el('select', { 'aria-label': 'Returned field', onchange: () => this.suggest() });
  private readonly value = el('input', { type: 'text', list: SUGGESTIONS_ID, placeholder: 'value, e.g. hello or 1', 'aria-label': 'Value', spellcheck: 'false' });
  private readonly suggestions = el('datalist', { id: SUGGESTIONS_ID });
  private readonly status = el('span', { className: 'filter-status', role: 'status' });
  private readonly clear = el('button', { type: 'button', className: 'secondary', title: 'Draw every call again', onclick: () => this.onFilter(undefined) }, 'Show all calls');
  private view: ResponseView | undefined;
  private applied: string | undefined;
  readonly root: HTMLFormElement;

  constructor(private readonly onFilter: (filter: ResponseFilter | undefined) => void) {
    this.root = el(
      'form',
      { className: 'controls filter', title: 'Restrict the charts and the table to the calls whose returned field equals a value', onsubmit: (e: Event) => this.submit(e) },
      el('label', { className: 'control' }, el('span', {}, 'Returned'), this.field),
      el('span', { className: 'operator' }, '=='),
      this.value,
      this.suggestions,
      el('button', { type: 'submit' }, 'Filter'),
      this.clear,
      this.status,
    );
    this.root.hidden = true;
  }

  update(view: ResponseView | undefined): void {
    this.view = view;
    const fields = view?.fields ?? [];
    this.root.hidden = fields.length === 0 && !view?.filter;
    const chosen = this.field.value || view?.filter?.field;
    replaceChildren(this.field, ...fields.map((f) => el('option', { value: f.name, selected: f.name === chosen }, f.name)));
    const filter = view?.filter;
    const appliedKey = filter && `${filter.field}\n${filter.value}`;
    if (appliedKey !== this.applied && !isFocused(this.value)) {
      if (filter) this.field.value = filter.field;
      this.value.value = filter?.value ?? '';
    }
    this.applied = appliedKey;
    this.suggest();
    this.clear.hidden = !filter;
    this.status.textContent = filter ? `${count(filter.matched)} of ${count(filter.of)} calls` : '';
  }

  /** The picked field's common values, offered as the user types. */
  private suggest(): void {
    const field = this.view?.fields.find((f) => f.name === this.field.value);
    replaceChildren(this.suggestions, ...(field?.values ?? []).map((v) => el('option', { value: v })));
  }

  private submit(event: Event): void {
    event.preventDefault();
    if (!this.field.value || this.value.value.trim() === '') return;
    this.onFilter({ field: this.field.value, value: this.value.value });
  }
}
