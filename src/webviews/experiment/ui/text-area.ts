// Multi-line text (JSON payloads): checked as the user types, written when they leave the field.
import { wrapField, type Field, type FieldOptions, type Problem } from './field';
import { documentValue } from './text-field';
import { toolkitElement, type ToolkitInput } from './toolkit';

export interface TextArea extends Field {
  set(value: string): void;
  readonly value: string;
  focus(): void;
}

export interface TextAreaOptions extends FieldOptions {
  rows?: number;
  placeholder?: string;
  /** Every keystroke: return problems to show at once (nothing is written yet). */
  onInput?(value: string): readonly Problem[];
  /** Leaving the field: returns problems to show when nothing could be written. */
  onCommit(value: string): readonly Problem[] | undefined;
}

export function textArea(options: TextAreaOptions): TextArea {
  const input = toolkitElement<ToolkitInput>('text-area');
  input.id = options.id;
  input.setAttribute('rows', String(options.rows ?? 2));
  input.setAttribute('resize', 'vertical');
  if (options.label) input.setAttribute('aria-label', options.label);
  if (options.placeholder) input.setAttribute('placeholder', options.placeholder);
  input.classList.add('code');
  const documented = documentValue(input);
  const field = wrapField(input, options, (d) => (input.disabled = d));
  input.addEventListener('input', () => {
    if (options.onInput) field.setProblems(options.onInput(input.value));
  });
  input.addEventListener('change', () => {
    const problems = options.onCommit(input.value);
    if (problems) field.setProblems(problems);
  });
  return {
    ...field,
    get value() {
      return input.value;
    },
    set: (value) => documented.set(value),
    focus: () => input.focus(),
  };
}
