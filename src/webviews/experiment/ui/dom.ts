// Building DOM without innerHTML: text from the file (names, payloads, messages) is never parsed as HTML.

export type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return withProps(document.createElement(tag), props, children);
}

export function withProps<E extends HTMLElement>(node: E, props: Props, children: Child[] = []): E {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === 'className') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** True while the user is in this control (or inside its shadow root): their typing is not overwritten. */
export function isFocused(control: HTMLElement): boolean {
  const active = document.activeElement;
  return active === control || (active !== null && control.contains(active));
}
