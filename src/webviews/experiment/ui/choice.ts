// Choosing: a dropdown, a checkbox, and a list of checkboxes (several of a kind, e.g. platforms).
// The toolkit's controls announce programmatic changes as user ones; `quiet` tells them apart.
import { el } from '../../shared/dom';
import { wrapField, type Field, type FieldOptions } from './field';
import { toolkitElement, type ToolkitCheckbox, type ToolkitInput } from './toolkit';

export interface Option {
  value: string;
  label: string;
}

export interface Dropdown extends Field {
  /** Replaces the options and selects `value`. */
  setOptions(options: readonly Option[], value: string): void;
  set(value: string): void;
}

export function dropdown(options: FieldOptions & { onChange(value: string): void }): Dropdown {
  const select = toolkitElement<ToolkitInput>('dropdown');
  select.id = options.id;
  if (options.label) select.setAttribute('aria-label', options.label);
  let quiet = false;
  let shownOptions = '';
  const field = wrapField(select, options, (d) => (select.disabled = d));
  select.addEventListener('change', () => {
    if (!quiet) options.onChange(select.value);
  });
  const set = (value: string) => {
    if (select.value === value) return;
    quiet = true;
    select.value = value;
    quiet = false;
  };
  return {
    ...field,
    setOptions(list, value) {
      const key = JSON.stringify(list);
      if (key !== shownOptions) {
        shownOptions = key;
        quiet = true;
        select.replaceChildren(
          ...list.map((o) => {
            const option = toolkitElement<ToolkitInput>('option');
            option.setAttribute('value', o.value);
            option.textContent = o.label;
            return option;
          }),
        );
        quiet = false;
      }
      set(value);
    },
    set,
  };
}

export interface Checkbox extends Field {
  set(checked: boolean): void;
}

export function checkbox(options: FieldOptions & { text: string; onChange(checked: boolean): void }): Checkbox {
  const box = toolkitElement<ToolkitCheckbox>('checkbox');
  box.id = options.id;
  box.textContent = options.text;
  let quiet = false;
  const field = wrapField(box, { ...options, label: undefined }, (d) => (box.disabled = d));
  box.addEventListener('change', () => {
    if (!quiet) options.onChange(box.checked);
  });
  return {
    ...field,
    set(checked) {
      if (box.checked === checked) return;
      quiet = true;
      box.checked = checked;
      quiet = false;
    },
  };
}

export interface CheckItem {
  value: string;
  label: string;
  /** One line beside the label, e.g. whether a platform is ready. */
  detail?: string;
  /** Shown as a warning, e.g. a platform that is not ready. */
  attention?: boolean;
}

export interface CheckList extends Field {
  set(items: readonly CheckItem[], checked: readonly string[]): void;
}

/** Several checkboxes for one list value; refuses to uncheck the last when `atLeastOne` says so. */
export function checkList(options: FieldOptions & { atLeastOne?: string; onChange(checked: string[]): void }): CheckList {
  const list = el('div', { className: 'check-list', id: options.id, role: 'group' });
  if (options.label) list.setAttribute('aria-label', options.label);
  const boxes = new Map<string, ToolkitCheckbox>();
  let quiet = false;
  let disabled = false;
  const field = wrapField(list, options, (d) => {
    disabled = d;
    for (const b of boxes.values()) b.disabled = d;
  });
  const checkedValues = () => [...boxes].filter(([, b]) => b.checked).map(([v]) => v);
  return {
    ...field,
    set(items, checked) {
      quiet = true;
      list.replaceChildren(
        ...items.map((item) => {
          const box = boxes.get(item.value) ?? toolkitElement<ToolkitCheckbox>('checkbox');
          if (!boxes.has(item.value)) {
            box.addEventListener('change', () => {
              if (quiet) return;
              const now = checkedValues();
              if (now.length === 0 && options.atLeastOne) {
                quiet = true;
                box.checked = true;
                quiet = false;
                field.setProblems([{ message: options.atLeastOne, severity: 'error' }]);
                return;
              }
              options.onChange(now);
            });
          }
          box.id = `${options.id}-${item.value}`;
          box.textContent = item.label;
          box.checked = checked.includes(item.value);
          box.disabled = disabled;
          return el(
            'div',
            { className: 'check-item' },
            box,
            item.detail ? el('span', { className: `check-detail${item.attention ? ' attention' : ''}` }, item.detail) : null,
          );
        }),
      );
      const keep = new Set(items.map((i) => i.value));
      for (const value of [...boxes.keys()]) if (!keep.has(value)) boxes.delete(value);
      for (const item of items) {
        const box = list.querySelector<ToolkitCheckbox>(`#${CSS.escape(`${options.id}-${item.value}`)}`);
        if (box) boxes.set(item.value, box);
      }
      quiet = false;
    },
  };
}
