// The labelled drop-down the results pages choose a group and a metric with.
import { el } from '../shared/dom';

export function select(label: string, options: { value: string; label: string }[], value: string | undefined, onChange: (value: string) => void): HTMLLabelElement {
  const input = el('select', { onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) });
  for (const o of options) input.appendChild(el('option', { value: o.value, selected: o.value === value }, o.label));
  return el('label', { className: 'control' }, el('span', {}, label), input);
}
