// What every part of the form has: its element, how it shows a new document, and the bindings
// between a file key and a control that most fields are.
import { CHOICES, type BooleanKey, type ChoiceKey, type FieldKey, type FormChange, type JsonObjectKey, type LoadListKey, type NumberKey, type RetryKey, type TextKey } from '../../../core/experiment/form/fields';
import { choiceProblem, headersProblem, retryProblem, textProblem } from '../../../core/experiment/form/checks';
import type { ProblemIndex } from '../problems';
import type { DocumentMessage } from '../protocol';
import type { PageState } from '../state';
import { checkbox, dropdown, numberField, textArea, textField, type Field } from '../ui';
import { checkJson, isPlainObject } from '../../../core/experiment/form/json-text';
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
  key: Exclude<NumberKey, 'threads'>,
  options: { label: string; hint?: string; placeholder?: string | ((doc: DocumentMessage) => string); integer?: boolean; check?: (value: number) => string | undefined },
): Binding {
  const field = numberField({
    id: key,
    label: options.label,
    hint: options.hint,
    placeholder: typeof options.placeholder === 'string' ? options.placeholder : undefined,
    integer: options.integer,
    check: options.check,
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

/** "4" or "1, 2, 4": one value, or several for a load step per value; null: the field was cleared. */
export function parseLoadList(text: string, integer: boolean): number[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const values = parts.map(Number);
  const bad = parts.find((p, i) => !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p) || !Number.isFinite(values[i]) || (integer && !Number.isInteger(values[i])));
  if (bad !== undefined) return `"${bad}" is not a ${integer ? 'whole number' : 'number'}; give one value, or several separated by commas (a load step each); nothing was written`;
  return values;
}

/** The comma-separated text of a load value or list. */
export function loadText(value: number | number[] | undefined): string {
  return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
}

/** threads or burst: one number, or a list ("1, 2, 4") for a load step per value. */
export function loadListBinding(ctx: FormContext, key: LoadListKey, options: { label: string; hint?: string; placeholder?: (doc: DocumentMessage) => string }): Binding {
  const field = textField({
    id: key,
    label: options.label,
    hint: options.hint,
    onCommit(text) {
      const values = parseLoadList(text, true);
      if (typeof values === 'string') return values;
      // One thread count stays a plain number change, as the file's FaaS Runner key is.
      if (key === 'threads' && values.length <= 1) ctx.change({ kind: 'number', key, value: values[0] ?? null });
      else ctx.change({ kind: 'loadList', key, values });
      return undefined;
    },
  });
  return {
    key,
    field,
    update(doc, problems) {
      field.set(doc.model.raw[key] ?? loadText(doc.model.values[key]));
      if (options.placeholder) field.setPlaceholder(options.placeholder(doc));
      field.setProblems(problems.ofAll(key));
    },
  };
}

/** "steps", "idle" or "headers": a JSON object written when the user leaves the field ('' removes the key). */
export function jsonObjectBinding(ctx: FormContext, key: JsonObjectKey, options: { label: string; hint: string; placeholder: string }): Binding {
  const check = (text: string) => {
    if (text.trim() === '') return [];
    const checked = checkJson(text);
    if (!checked.ok) return [{ message: `${key}: ${checked.message}`, severity: 'error' as const }];
    if (!isPlainObject(checked.value)) return [{ message: `${key}: must be a JSON object, e.g. ${options.placeholder}`, severity: 'error' as const }];
    const headers = key === 'headers' ? headersProblem(checked.value) : undefined;
    return headers ? [{ message: headers, severity: 'error' as const }] : [];
  };
  const field = textArea({
    id: key,
    label: options.label,
    hint: options.hint,
    placeholder: options.placeholder,
    wide: true,
    rows: 1,
    onInput: check,
    onCommit(text) {
      const problems = check(text);
      if (problems.length > 0) return problems;
      ctx.change({ kind: 'json', key, text });
      return undefined;
    },
  });
  return {
    key,
    field,
    update(doc, problems) {
      field.set(doc.model.raw[key] ?? doc.model.values[key] ?? '');
      field.setProblems(problems.ofAll(key));
    },
  };
}

/** One line of text (the http target's URL, its body template); '' removes the key. */
export function textBinding(ctx: FormContext, key: TextKey, options: { label: string; hint?: string; placeholder?: string; wide?: boolean }): Binding {
  const field = textField({
    id: key,
    label: options.label,
    hint: options.hint,
    placeholder: options.placeholder,
    wide: options.wide,
    onCommit(text) {
      // A body template is sent as written; other text is trimmed.
      const value = key === 'bodyTemplate' ? text : text.trim();
      const refused = textProblem(key, value);
      if (refused) return `${refused}; nothing was written`;
      ctx.change({ kind: 'text', key, value });
      return undefined;
    },
  });
  return {
    key,
    field,
    update(doc, problems) {
      const raw = doc.model.raw[key];
      field.set(raw ?? doc.model.values[key] ?? '');
      field.setProblems([...(raw !== undefined ? [{ message: `${key}: the file holds ${raw}; typing a value replaces it`, severity: 'error' as const }] : []), ...problems.ofAll(key)]);
    },
  };
}

/** One of a fixed set of words (strategy, method): the file's value, or the default when it has none. */
export function choiceBinding(ctx: FormContext, key: ChoiceKey, options: { label: string; hint?: string; labels?: Partial<Record<string, string>>; defaultValue: string }): Binding {
  const field = dropdown({
    id: key,
    label: options.label,
    hint: options.hint,
    onChange(value) {
      if (choiceProblem(key, value) === undefined) ctx.change({ kind: 'choice', key, value });
    },
  });
  return {
    key,
    field,
    update(doc, problems) {
      field.setOptions(
        CHOICES[key].map((value) => ({ value, label: options.labels?.[value] ?? value })),
        doc.model.values[key] ?? options.defaultValue,
      );
      const raw = doc.model.raw[key];
      field.setProblems([...(raw !== undefined ? [{ message: `${key}: the file holds ${raw}; choose one to replace it`, severity: 'error' as const }] : []), ...problems.ofAll(key)]);
    },
  };
}

/** One key of "retry": a number field of its own; cleared, the key (and an emptied "retry") is removed. */
export function retryBinding(ctx: FormContext, key: RetryKey, options: { label: string; hint: string; placeholder: string }): Binding {
  const field = numberField({
    id: `retry-${key}`,
    label: options.label,
    hint: options.hint,
    placeholder: options.placeholder,
    integer: key === 'maxRetries',
    check: (value) => retryProblem(key, value),
    onCommit: (value) => ctx.change({ kind: 'retry', key, value }),
  });
  return {
    key: 'retry',
    field,
    update(doc, problems) {
      const raw = doc.model.raw.retry;
      field.set(doc.model.values.retry?.[key]);
      // Each field shows the problems of its own key; the first also those of "retry" as a whole.
      const own = problems.ofAll('retry').filter((p) => p.message.startsWith(`retry.${key}`) || (key === 'maxRetries' && !/^retry\.(baseDelayMs|maxDelayMs)/.test(p.message)));
      field.setProblems([...(raw !== undefined && key === 'maxRetries' ? [{ message: `retry: the file holds ${raw}; typing a value replaces it`, severity: 'error' as const }] : []), ...own]);
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
