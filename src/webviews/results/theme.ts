// The chart colours of the current VS Code theme, read from the CSS variables VS Code sets on the
// webview, and a watch on the body's theme class so charts follow a theme switch.

export interface Palette {
  kind: 'light' | 'dark' | 'high-contrast';
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  fontFamily: string;
  fontSize: number;
  /** Series colours in order: blue, orange, green, purple, red, yellow. */
  series: string[];
  red: string;
  green: string;
  blue: string;
  yellow: string;
  orange: string;
  purple: string;
}

// Used only when a variable is missing (e.g. a theme that does not define chart colours).
const FALLBACK = {
  light: { foreground: '#333333', background: '#ffffff', grid: '#e5e5e5', blue: '#1a85ff', red: '#e51400', green: '#388a34', yellow: '#bf8803', orange: '#d18616', purple: '#652d90' },
  dark: { foreground: '#cccccc', background: '#1e1e1e', grid: '#3c3c3c', blue: '#3794ff', red: '#f14c4c', green: '#89d185', yellow: '#cca700', orange: '#d18616', purple: '#b180d7' },
};

function themeKind(body: HTMLElement): Palette['kind'] {
  if (body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light')) return 'high-contrast';
  return body.classList.contains('vscode-light') ? 'light' : 'dark';
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const kind = themeKind(document.body);
  const fallback = kind === 'light' || document.body.classList.contains('vscode-high-contrast-light') ? FALLBACK.light : FALLBACK.dark;
  const v = (name: string, otherwise: string) => style.getPropertyValue(name).trim() || otherwise;
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', fallback.foreground));
  const colours = {
    blue: v('--vscode-charts-blue', fallback.blue),
    red: v('--vscode-charts-red', fallback.red),
    green: v('--vscode-charts-green', fallback.green),
    yellow: v('--vscode-charts-yellow', fallback.yellow),
    orange: v('--vscode-charts-orange', fallback.orange),
    purple: v('--vscode-charts-purple', fallback.purple),
  };
  const contrastBorder = style.getPropertyValue('--vscode-contrastBorder').trim();
  return {
    kind,
    foreground,
    muted: v('--vscode-descriptionForeground', foreground),
    grid: kind === 'high-contrast' && contrastBorder ? contrastBorder : v('--vscode-panel-border', v('--vscode-editorWidget-border', fallback.grid)),
    background: v('--vscode-editor-background', fallback.background),
    fontFamily: v('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseFloat(v('--vscode-font-size', '13')) || 13,
    series: [colours.blue, colours.orange, colours.green, colours.purple, colours.red, colours.yellow],
    ...colours,
  };
}

/** Calls `changed` when VS Code switches theme: its kind (body class) or, within a kind, the theme itself. */
export function watchTheme(changed: () => void): MutationObserver {
  const identity = () => `${document.body.className}|${document.body.dataset.vscodeThemeId ?? ''}`;
  let last = identity();
  const observer = new MutationObserver(() => {
    if (identity() === last) return;
    last = identity();
    changed();
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  return observer;
}

/** `colour` at `alpha` opacity, for fills under lines; colours in other notations are returned as they are. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!hex) return colour;
  const digits = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
