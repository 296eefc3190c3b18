// A labelled control with room beside it for what is wrong: every form control is wrapped in one.
import { el, type Child } from '../../shared/dom';

export interface Problem {
  message: string;
  severity: 'error' | 'warning';
}

export interface Field {
  /** The element to place in the page. */
  readonly root: HTMLElement;
  /** Shows (or with undefined, clears) the problems beside the control. */
  setProblems(problems: readonly Problem[]): void;
  setDisabled(disabled: boolean): void;
}

export interface FieldOptions {
  id: string;
  label?: string;
  /** One line under the label on what the value means and what an empty one does. */
  hint?: string;
  wide?: boolean;
}

/** Wraps `control` with its label, hint and a message line; `disable` switches the control itself. */
export function wrapField(control: HTMLElement, options: FieldOptions, disable: (disabled: boolean) => void, extra: Child[] = []): Field {
  const messages = el('div', { className: 'field-messages', id: `${options.id}-messages`, 'aria-live': 'polite' });
  const hint = options.hint ? el('div', { className: 'field-hint', id: `${options.id}-hint` }, options.hint) : null;
  control.setAttribute('aria-describedby', [hint ? hint.id : '', messages.id].filter(Boolean).join(' '));
  const label = options.label ? el('label', { className: 'field-label', for: options.id }, options.label) : null;
  const root = el('div', { className: `field${options.wide ? ' wide' : ''}`, 'data-field': options.id }, label, control, ...extra, hint, messages);
  return {
    root,
    setProblems(problems) {
      messages.replaceChildren(...problems.map((p) => el('div', { className: `field-message ${p.severity}`, role: p.severity === 'error' ? 'alert' : 'status' }, p.message)));
      root.classList.toggle('has-error', problems.some((p) => p.severity === 'error'));
      control.setAttribute('aria-invalid', String(problems.some((p) => p.severity === 'error')));
    },
    setDisabled(disabled) {
      disable(disabled);
      root.classList.toggle('disabled', disabled);
    },
  };
}
