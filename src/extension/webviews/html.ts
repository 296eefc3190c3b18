// The one HTML page every FaaS Lab webview is (strict CSP, bundle by nonce) and its panel options.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type * as vscode from 'vscode';
import { APP_ELEMENT_ID, INITIAL_STATE_ELEMENT_ID } from '../../webviews/page';

export interface WebviewPage {
  /** Name of the webview bundle: `dist/webviews/<bundle>.js`, styled by `media/<bundle>.css`. */
  bundle: string;
  title: string;
  /** JSON-serialisable state the page starts from before the webview has saved its own. */
  initialState?: unknown;
  /**
   * Lets the page's own script add <style> elements carrying the nonce (announced in a
   * `csp-nonce` meta tag): FAST, under the webview UI toolkit, probes CSS support that way.
   */
  styleNonce?: boolean;
}

// Only uses Uri instance methods and a type import of vscode, so tests can render the exact page.
function child(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: posix.join(base.path, ...segments) });
}

/** Scripts on, and local files readable only from media/ and the webview bundles. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [child(extensionUri, 'media'), child(extensionUri, 'dist', 'webviews')] };
}

/** The one HTML page every FaaS Lab webview is: strict CSP, its bundle by nonce, its stylesheet. */
export function renderWebviewHtml(webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(child(extensionUri, 'dist', 'webviews', `${page.bundle}.js`)).toString();
  const style = webview.asWebviewUri(child(extensionUri, 'media', `${page.bundle}.css`)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}${page.styleNonce ? ` 'nonce-${nonce}'` : ''}`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    // No <base> to re-point relative URLs, and no form may submit anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const state = page.initialState === undefined ? '' : `\n  <script type="application/json" id="${INITIAL_STATE_ELEMENT_ID}" nonce="${nonce}">${jsonForScript(page.initialState)}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">${page.styleNonce ? `\n  <meta property="csp-nonce" content="${nonce}">` : ''}
  <title>${escapeHtml(page.title)}</title>
  <link rel="stylesheet" href="${escapeHtml(style)}">${state}
</head>
<body>
  <main id="${APP_ELEMENT_ID}"></main>
  <script nonce="${nonce}" src="${escapeHtml(script)}"></script>
</body>
</html>`;
}

/** For text and double-quoted attributes (the CSP's single quotes stay as they are). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close its <script> element or break out as HTML. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
