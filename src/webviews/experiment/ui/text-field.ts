// One-line text and number inputs. A value is written when the user commits it (Enter or leaving
// the field), so each change is one undo step; a focused field being typed in is not overwritten.
import { isFocused } from '../../shared/dom';
import { wrapField, type Field, type FieldOptions } from './field';
import { toolkitElement, type ToolkitInput } from './toolkit';

export interface TextField extends Field {
  /** Shows the document's value unless the user is typing something else in it. */
  set(value: string): void;
  readonly value: string;
  setPlaceholder(text: string): void;
}

export interface TextFieldOptions extends FieldOptions {
  placeholder?: string;
  /** A committed value; return a message to refuse it (shown beside the field, nothing written). */
  onCommit(value: string): string | undefined;
}

/** The value the document has, shown unless the user is typing something else in the control. */
export function documentValue(input: ToolkitInput): { readonly shown: string; set(value: string): void } {
  let shown = '';
  return {
    get shown() {
      return shown;
    },
    set(value) {
      const typing = isFocused(input) && input.value !== shown;
      shown = value;
      if (!typing) input.value = value;
    },
  };
}

export function textField(options: TextFieldOptions): TextField {
  const input = toolkitElement<ToolkitInput>('text-field');
  input.id = options.id;
  if (options.label) input.setAttribute('aria-label', options.label);
  if (options.placeholder) input.setAttribute('placeholder', options.placeholder);
  const documented = documentValue(input);
  const field = wrapField(input, options, (d) => (input.disabled = d));
  input.addEventListener('change', () => {
    const refused = options.onCommit(input.value);
    field.setProblems(refused ? [{ message: refused, severity: 'error' }] : []);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      input.value = documented.shown;
      field.setProblems([]);
    }
  });
  return {
    ...field,
    get value() {
      return input.value;
    },
    set: (value) => documented.set(value),
    setPlaceholder: (text) => input.setAttribute('placeholder', text),
  };
}

export interface NumberFieldOptions extends FieldOptions {
  placeholder?: string;
  integer?: boolean;
  /** What is wrong with a number the field cannot take (a range), shown beside it; nothing is written then. */
  check?(value: number): string | undefined;
  /** A number, or null when the field was cleared (the key is removed, its default applies). */
  onCommit(value: number | null): void;
}

export interface NumberField extends Field {
  set(value: number | undefined): void;
  /** Shows text that is not a number (the file's own JSON for a wrong value). */
  setText(text: string): void;
  setPlaceholder(text: string): void;
}

export function numberField(options: NumberFieldOptions): NumberField {
  const text = textField({
    ...options,
    onCommit(text) {
      const trimmed = text.trim();
      if (trimmed === '') {
        options.onCommit(null);
        return undefined;
      }
      const n = Number(trimmed);
      if (!Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return `"${trimmed}" is not a number; nothing was written`;
      if (options.integer && !Number.isInteger(n)) return `"${trimmed}" is not a whole number; nothing was written`;
      const refused = options.check?.(n);
      if (refused) return `${refused}; nothing was written`;
      options.onCommit(n);
      return undefined;
    },
  });
  return {
    root: text.root,
    setProblems: (p) => text.setProblems(p),
    setDisabled: (d) => text.setDisabled(d),
    set: (value) => text.set(value === undefined ? '' : String(value)),
    setText: (t) => text.set(t),
    setPlaceholder: (t) => text.setPlaceholder(t),
  };
}
