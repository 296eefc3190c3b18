// What every part of the form has: its element, how it shows a new document, and the bindings
// between a file key and a control that most fields are.
import type { BooleanKey, FieldKey, FormChange, NumberKey } from '../../../core/experiment/form/fields';
import type { ProblemIndex } from '../problems';
import type { DocumentMessage } from '../protocol';
import type { PageState } from '../state';
import { checkbox, numberField, type Field } from '../ui';
import { el, type Child } from '../../shared/dom';

export interface FormContext {
  change(change: FormChange): void;
  state: PageState;
}

export interface Section {
  readonly root: HTMLElement;
  update(doc: DocumentMessage, problems: ProblemIndex): void;
  setDisabled(disabled: boolean): void;
  /** The control a refused change is shown beside, if this section has it. */
  fieldFor(field: FieldKey, index?: number): Field | undefined;
}

/** A control bound to one key of the file. */
export interface Binding {
  readonly key: FieldKey;
  readonly field: Field;
  update(doc: DocumentMessage, problems: ProblemIndex): void;
}

export function sectionElement(id: string, title: string, description: string | undefined, ...children: Child[]): HTMLElement {
  return el(
    'section',
    { className: 'form-section', id, 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title` }, title),
    description ? el('p', { className: 'section-description' }, description) : null,
    ...children,
  );
}

export function grid(...fields: Array<Field | Binding>): HTMLElement {
  return el('div', { className: 'field-grid' }, ...fields.map((f) => ('field' in f ? f.field.root : f.root)));
}

export function numberBinding(
  ctx: FormContext,
  key: NumberKey,
  options: { label: string; hint?: string; placeholder?: string | ((doc: DocumentMessage) => string); integer?: boolean },
): Binding {
  const field = numberField({
    id: key,
    label: options.label,
    hint: options.hint,
    placeholder: typeof options.placeholder === 'string' ? options.placeholder : undefined,
    integer: options.integer,
    onCommit: (value) => ctx.change({ kind: 'number', key, value }),
  });
  return {
    key,
    field,
    update(doc, problems) {
      const raw = doc.model.raw[key];
      if (raw !== undefined) field.setText(raw);
      else field.set(doc.model.values[key]);
      if (typeof options.placeholder === 'function') field.setPlaceholder(options.placeholder(doc));
      field.setProblems(problems.ofAll(key));
    },
  };
}

export function booleanBinding(ctx: FormContext, key: BooleanKey, options: { text: string; hint?: string; defaultValue: boolean }): Binding {
  const field = checkbox({ id: key, text: options.text, hint: options.hint, onChange: (value) => ctx.change({ kind: 'boolean', key, value }) });
  return {
    key,
    field,
    update(doc, problems) {
      field.set(doc.model.values[key] ?? options.defaultValue);
      const raw = doc.model.raw[key];
      field.setProblems([...(raw !== undefined ? [{ message: `${key}: the file holds ${raw}`, severity: 'error' as const }] : []), ...problems.ofAll(key)]);
    },
  };
}

/** A section made only of bindings. */
export function bindingSection(root: HTMLElement, bindings: readonly Binding[], extra?: Partial<Pick<Section, 'update' | 'setDisabled'>>): Section {
  return {
    root,
    update(doc, problems) {
      for (const b of bindings) b.update(doc, problems);
      extra?.update?.(doc, problems);
    },
    setDisabled(disabled) {
      for (const b of bindings) b.field.setDisabled(disabled);
      extra?.setDisabled?.(disabled);
    },
    fieldFor: (field) => bindings.find((b) => b.key === field)?.field,
  };
}
