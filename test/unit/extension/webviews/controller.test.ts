import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { WebviewController } from '../../../../src/extension/webviews/controller';
import { extensionUri, fakeWebview } from '../../../fixtures/webview-browser/fake-webview';

type ToHost = { type: 'ready' } | { type: 'save'; name: string };
const isToHost = (x: unknown): x is ToHost =>
  typeof x === 'object' && x !== null && ((x as ToHost).type === 'ready' || ((x as ToHost).type === 'save' && typeof (x as { name?: unknown }).name === 'string'));

/** A webview whose page is this test: `send` is the page posting a message, `posted` what the host sent. */
function webview() {
  const listeners: Array<(m: unknown) => void> = [];
  const posted: unknown[] = [];
  const view = {
    ...fakeWebview('https://webview.test', '/ext'),
    options: {} as vscode.WebviewOptions,
    html: '',
    onDidReceiveMessage: ((listener: (m: unknown) => void) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    }) as unknown as vscode.Event<unknown>,
    postMessage: async (m: unknown) => {
      posted.push(m);
      return true;
    },
  };
  return { view, posted, send: (m: unknown) => listeners.forEach((l) => l(m)), listeners };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

test('the controller writes the page, hands on protocol messages, logs the rest, and reports a handler’s error', async () => {
  const w = webview();
  const handled: ToHost[] = [];
  const log: string[] = [];
  const reported: unknown[] = [];
  const controller = new WebviewController<ToHost, { type: 'shown' }>(w.view, extensionUri('/ext'), {
    name: 'Test panel',
    page: { bundle: 'results', title: 'Test' },
    isMessage: isToHost,
    handle: async (m) => {
      handled.push(m);
      if (m.type === 'save') throw new Error(`cannot save ${m.name}`);
    },
    log: (line) => log.push(line),
    report: (err) => reported.push(err),
  });
  assert.match(w.view.html, /dist\/webviews\/results\.js/);
  assert.equal(w.view.options.enableScripts, true);

  w.send({ type: 'ready' });
  w.send({ type: 'delete', path: '/' });
  w.send({ type: 'save', name: 'chart' });
  await settle();
  assert.deepEqual(handled, [{ type: 'ready' }, { type: 'save', name: 'chart' }]);
  assert.equal(log.length, 1);
  assert.match(log[0]!, /^Test panel: ignored a message that is not part of its protocol: \{"type":"delete","path":"\/"\}/);
  assert.deepEqual(reported.map((e) => (e as Error).message), ['cannot save chart']);

  assert.equal(await controller.post({ type: 'shown' }), true);
  controller.dispose();
  assert.equal(await controller.post({ type: 'shown' }), false);
  assert.deepEqual(w.posted, [{ type: 'shown' }]);
  assert.equal(w.listeners.length, 0, 'no longer listening once disposed');
});
