// Building DOM without innerHTML, for every webview: text from run and experiment files (function
// names, errors, payloads) is never parsed as HTML.

export type Child = Node | string | null | undefined | false;
/** Attributes (true: present, false/undefined: left out), `className`, and `on<event>` listeners. */
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

/** True while the user is in this control (or inside its shadow root): their typing is not overwritten. */
export function isFocused(control: HTMLElement): boolean {
  const active = document.activeElement;
  return active === control || (active !== null && control.contains(active));
}
