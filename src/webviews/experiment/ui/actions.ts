// Things the user clicks: buttons, links, and the busy indicator shown while something runs.
import { toolkitElement } from './toolkit';

export interface ButtonOptions {
  label: string;
  appearance?: 'primary' | 'secondary' | 'icon';
  /** Tooltip and accessible name (an icon button's label is a symbol). */
  title?: string;
  id?: string;
  onClick(): void;
}

export interface Button {
  readonly root: HTMLElement;
  setDisabled(disabled: boolean): void;
  setLabel(label: string): void;
}

export function button(options: ButtonOptions): Button {
  const b = toolkitElement<HTMLElement & { disabled: boolean }>('button');
  b.textContent = options.label;
  b.setAttribute('appearance', options.appearance ?? 'primary');
  if (options.id) b.id = options.id;
  if (options.title) {
    b.title = options.title;
    b.setAttribute('aria-label', options.title);
  }
  b.addEventListener('click', () => {
    if (!b.disabled) options.onClick();
  });
  return {
    root: b,
    setDisabled: (d) => (b.disabled = d),
    setLabel: (label) => (b.textContent = label),
  };
}

export function link(options: { label: string; id?: string; onClick(): void }): HTMLElement {
  const a = toolkitElement<HTMLElement>('link');
  a.textContent = options.label;
  a.setAttribute('href', '#');
  if (options.id) a.id = options.id;
  a.addEventListener('click', (e) => {
    e.preventDefault();
    options.onClick();
  });
  return a;
}

export function busyIndicator(label: string): HTMLElement {
  const ring = toolkitElement<HTMLElement>('progress-ring');
  ring.setAttribute('aria-label', label);
  return ring;
}

export function divider(): HTMLElement {
  return toolkitElement<HTMLElement>('divider');
}
