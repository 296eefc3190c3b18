// A list of small values shown as removable tags, with a field to add one (e.g. memory sizes).
import { button } from './actions';
import { el } from '../../shared/dom';
import { wrapField, type Field, type FieldOptions } from './field';
import { toolkitElement, type ToolkitInput } from './toolkit';

export interface TagList extends Field {
  set(values: readonly string[]): void;
}

export interface TagListOptions extends FieldOptions {
  /** Shown in the list when it is empty, e.g. what an empty list means. */
  empty: string;
  addLabel: string;
  addPlaceholder: string;
  /** Quick additions offered as buttons (those already in the list are left out). */
  suggestions?: readonly string[];
  onRemove(index: number): void;
  /** The text to add; return a message to refuse it (shown beside the field). */
  onAdd(text: string): string | undefined;
}

export function tagList(options: TagListOptions): TagList {
  const tags = el('ul', { className: 'tags', 'aria-label': options.label ?? options.id });
  const input = toolkitElement<ToolkitInput>('text-field');
  input.id = options.id;
  input.setAttribute('placeholder', options.addPlaceholder);
  input.setAttribute('aria-label', options.addLabel);
  input.classList.add('tag-input');
  const suggestions = el('div', { className: 'tag-suggestions' });
  let current: readonly string[] = [];
  let disabled = false;
  const controls: Array<{ setDisabled(d: boolean): void }> = [];

  const add = (text: string) => {
    const refused = options.onAdd(text.trim());
    field.setProblems(refused ? [{ message: refused, severity: 'error' }] : []);
    if (!refused) input.value = '';
  };
  const addButton = button({ label: options.addLabel, appearance: 'secondary', onClick: () => add(input.value) });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') add(input.value);
  });
  const row = el('div', { className: 'tag-add' }, input, addButton.root, suggestions);
  const field = wrapField(tags, options, (d) => {
    disabled = d;
    input.disabled = d;
    addButton.setDisabled(d);
    for (const c of controls) c.setDisabled(d);
  }, [row]);

  function render(): void {
    controls.length = 0;
    tags.replaceChildren(
      ...(current.length === 0
        ? [el('li', { className: 'tags-empty' }, options.empty)]
        : current.map((value, index) => {
            const remove = button({ label: '×', appearance: 'icon', title: `Remove ${value}`, onClick: () => options.onRemove(index) });
            remove.setDisabled(disabled);
            controls.push(remove);
            return el('li', { className: 'tag' }, el('span', { className: 'tag-text' }, value), remove.root);
          })),
    );
    suggestions.replaceChildren(
      ...(options.suggestions ?? [])
        .filter((s) => !current.includes(s))
        .map((s) => {
          const b = button({ label: `+ ${s}`, appearance: 'secondary', title: `Add ${s}`, onClick: () => add(s) });
          b.setDisabled(disabled);
          controls.push(b);
          return b.root;
        }),
    );
  }

  render();
  return {
    ...field,
    set(values) {
      if (values.length === current.length && values.every((v, i) => v === current[i])) return;
      current = [...values];
      render();
    },
  };
}
