import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderWebviewHtml, webviewOptions } from '../../../../src/extension/webviews/html';
import { extensionUri, fakeWebview } from '../../../fixtures/webview-browser/fake-webview';

const origin = 'https://file+.vscode-resource.vscode-cdn.net';
const root = '/ext';

function csp(html: string): Map<string, string> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
  return new Map(content.split(';').map((d) => d.trim().split(/\s+(.*)/).slice(0, 2) as [string, string]));
}

test('strict CSP: nothing by default, scripts by nonce only, styles/images/fonts from the webview origin, no base URL or form target', () => {
  const html = renderWebviewHtml(fakeWebview(origin, root), extensionUri(root), { bundle: 'results', title: 'Results' });
  const policy = csp(html);
  assert.equal(policy.get('default-src'), "'none'");
  const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(policy.get('script-src')!)![1]!;
  assert.ok(nonce.length >= 16);
  assert.equal(policy.get('style-src'), origin);
  assert.equal(policy.get('img-src'), `${origin} data:`);
  assert.equal(policy.get('font-src'), origin);
  assert.equal(policy.get('base-uri'), "'none'");
  assert.equal(policy.get('form-action'), "'none'");
  assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
  // Every script element carries the nonce, and the bundle comes from dist/webviews.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.ok(scripts.length >= 1 && scripts.every((s) => s.includes(`nonce="${nonce}"`)));
  assert.ok(html.includes(`src="${origin}/dist/webviews/results.js"`));
  assert.ok(html.includes(`href="${origin}/media/results.css"`));
});

test('a fresh nonce per render', () => {
  const a = csp(renderWebviewHtml(fakeWebview(origin, root), extensionUri(root), { bundle: 'results', title: 'x' })).get('script-src');
  const b = csp(renderWebviewHtml(fakeWebview(origin, root), extensionUri(root), { bundle: 'results', title: 'x' })).get('script-src');
  assert.notEqual(a, b);
});

test('title and initial state cannot break out of their elements', () => {
  const html = renderWebviewHtml(fakeWebview(origin, root), extensionUri(root), {
    bundle: 'results',
    title: '<img src=x onerror=alert(1)>',
    initialState: { runDir: '/runs/</script><script>alert(1)</script>' },
  });
  assert.ok(!html.includes('<img src=x'));
  assert.equal(html.match(/<\/script>/g)!.length, 2, 'only the state block and the bundle close a script');
  const json = /<script type="application\/json" id="faaslab-initial-state" nonce="[^"]+">(.*)<\/script>/.exec(html)![1]!;
  assert.deepEqual(JSON.parse(json), { runDir: '/runs/</script><script>alert(1)</script>' });
});

test('webview options: scripts on, files only from media/ and dist/webviews/', () => {
  const options = webviewOptions(extensionUri(root));
  assert.equal(options.enableScripts, true);
  assert.deepEqual(options.localResourceRoots!.map((u) => u.path), ['/ext/media', '/ext/dist/webviews']);
});
