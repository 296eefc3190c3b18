// Building DOM without innerHTML: text from run files (function names, errors) is never parsed as HTML.

type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (name === 'className') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function select(label: string, options: { value: string; label: string }[], value: string | undefined, onChange: (value: string) => void): HTMLLabelElement {
  const input = el('select', { onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) });
  for (const o of options) input.appendChild(el('option', { value: o.value, selected: o.value === value }, o.label));
  return el('label', { className: 'control' }, el('span', {}, label), input);
}
