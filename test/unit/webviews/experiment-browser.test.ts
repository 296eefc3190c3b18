// The experiment editor as a person sees it: the real webview bundle and stylesheet, in the exact
// page the HTML helper writes (same CSP), in Debian's Chromium. The host side is the extension's
// own pure code (document and estimate messages, minimal edits) over the real example experiment,
// the example handlers and the real local platform; only acquireVsCodeApi and VS Code's theme
// variables are stood in for. Screenshots land in test-results/experiment-editor-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits } from 'jsonc-parser';
import type { Page } from 'playwright-core';
import { parseAnnotations } from '../../../src/core/annotations';
import { deployIfChanged } from '../../../src/core/functions/deploy';
import { createProviders } from '../../../src/providers';
import { toFunctionChoices } from '../../../src/extension/experiment-editor/choices';
import { findDeployments } from '../../../src/extension/experiment-editor/deployments';
import { documentMessage, estimateOf } from '../../../src/extension/experiment-editor/messages';
import { platformChoices } from '../../../src/extension/experiment-editor/platforms';
import { editsForChange } from '../../../src/core/experiment/form/edits';
import { isMessageToHost, type MessageToHost, type MessageToWebview } from '../../../src/webviews/experiment/protocol';
import { REPO } from '../../fixtures/webview-browser/bundle';
import { CHROMIUM_MISSING, chromiumAvailable } from '../../fixtures/webview-browser/chromium';
import { frames, openWebview, post, screenshot, screenshotPath, type WebviewInBrowser } from '../../fixtures/webview-browser/page';
import { applyTheme, cspViolations, type ShimWindow } from '../../fixtures/webview-browser/vscode-shim';
import { FORM_THEMES } from './experiment/form-theme';

const EXAMPLES = path.join(REPO, 'examples');
const EXPERIMENT = path.join(EXAMPLES, 'memory-sweep.experiment.json');

type Window = ShimWindow<MessageToHost>;

/**
 * The extension's side, as editor.ts does it with the same pure functions: the document is the
 * text here; each edit message is checked, turned into minimal edits and applied, and the new
 * document and estimate are sent back.
 */
class Host {
  text = readFileSync(EXPERIMENT, 'utf8');
  version = 1;
  applied: MessageToHost[] = [];

  constructor(
    private readonly page: Page,
    private readonly registry: ReturnType<typeof createProviders>,
  ) {}

  async send(message: MessageToWebview): Promise<void> {
    await post(this.page, message);
  }

  async sendAll(): Promise<void> {
    const files = readdirSync(EXAMPLES).filter((f) => /\.(js|ts|py)$/.test(f));
    const specs = files.flatMap((f) => parseAnnotations(path.join(EXAMPLES, f), readFileSync(path.join(EXAMPLES, f), 'utf8')).functions);
    await this.send({ type: 'choices', functions: toFunctionChoices(EXPERIMENT, specs), platforms: await platformChoices(this.registry) });
    await this.sendDocument();
    await this.send({ type: 'runState', run: { state: 'idle' } });
  }

  async sendDocument(): Promise<void> {
    await this.send(documentMessage(EXPERIMENT, this.text, this.version));
    await this.send({ type: 'estimate', estimate: await estimateOf(EXPERIMENT, this.text, (spec) => findDeployments(this.registry, spec.function, spec.platforms)) });
  }

  /** Waits for the page's next message of `type`, takes it, and (an edit) applies it as the extension does. */
  async take<T extends MessageToHost['type']>(type: T): Promise<Extract<MessageToHost, { type: T }>> {
    await this.page.waitForFunction((t) => (window as unknown as Window).__posted.some((m) => m.type === t), type);
    const message = await this.page.evaluate((t) => {
      const posted = (window as unknown as Window).__posted;
      const i = posted.findIndex((m) => m.type === t);
      return posted.splice(i, 1)[0];
    }, type);
    assert.equal(isMessageToHost(message), true, `the host's validator accepts ${JSON.stringify(message)}`);
    if (message.type === 'edit') {
      const result = editsForChange(this.text, message.change);
      assert.ok(result.ok, result.ok ? '' : result.message);
      this.text = applyEdits(this.text, result.edits);
      this.version++;
      this.applied.push(message);
      await this.sendDocument();
    }
    return message as Extract<MessageToHost, { type: T }>;
  }

  async pending(): Promise<MessageToHost[]> {
    return this.page.evaluate(() => (window as unknown as Window).__posted.filter((m) => m.type !== 'ready'));
  }
}

const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement & { value: string }).value);
const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

function shoot(page: Page, name: string): Promise<string> {
  return screenshot(page, `experiment-editor-${name}`);
}

test('experiment editor in Chromium', async (t) => {
  if (!chromiumAvailable()) {
    t.skip(CHROMIUM_MISSING);
    return;
  }
  const work = mkdtempSync(path.join(tmpdir(), 'faaslab-experiment-editor-'));
  const registry = createProviders({ root: work });

  let webview: WebviewInBrowser | undefined;
  try {
    webview = await openWebview({ bundle: 'experiment', html: { title: 'memory-sweep.experiment.json', styleNonce: true }, themes: FORM_THEMES, theme: 'light', viewport: { width: 1200, height: 900 } });
    const { page, problems, misses } = webview;
    const host = new Host(page, registry);

    await t.test('asks for the document, then shows the example file in the form', async () => {
      await host.take('ready');
      await host.sendAll();
      await page.waitForFunction(() => (document.getElementById('runs') as HTMLElement & { value: string } | null)?.value === '20');
      assert.equal(await page.textContent('h1'), 'memory-sweep');
      assert.equal(await value(page, '#experimentName'), 'memory-sweep');
      assert.equal(await value(page, '#function'), 'calcs');
      assert.equal(await value(page, '#source'), 'cpu.js');
      assert.equal(await value(page, '#threads'), '4');
      assert.equal(await value(page, '#iterations'), '3');
      assert.equal(await value(page, '#warmupBuffer'), '1');
      assert.equal(await value(page, '#mode'), 'closed');
      assert.equal(await value(page, '#handler'), 'cpu.js#calcs');
      assert.deepEqual(await texts(page, '#memory .tag-text'), ['128 MB', '256 MB', '512 MB']);
      assert.equal(await value(page, '#payload-0'), '{ "calcs": 50000 }');
      assert.equal(await value(page, '#payload-1'), '{ "calcs": 200000 }');
      assert.equal(await value(page, '#parentPayload'), '{ "arraySize": 1000, "seed": 7 }');
      assert.equal(await page.$eval('#platforms-local', (el) => (el as HTMLElement & { checked: boolean }).checked), true);
      assert.equal(await page.$eval('#shufflePayloads', (el) => (el as HTMLElement & { checked: boolean }).checked), true);
      // The estimate: 3 sizes × 3 iterations × 20 runs; not deployed yet, so no cost is made up.
      await page.waitForSelector('#estimate-calls');
      assert.equal(await page.textContent('#estimate-calls .figure-value'), '180');
      assert.equal(await page.textContent('#estimate-cost .figure-value'), 'unknown');
      assert.match((await page.textContent('#estimate .notes')) ?? '', /local: cost unknown: function not deployed/);
      assert.deepEqual(await host.pending(), [], 'showing the document posts nothing back');
    });

    await t.test('typing a number sends one typed edit; the document’s answer updates the form and the estimate', async () => {
      await page.locator('#runs input').fill('40');
      await page.locator('#runs input').press('Enter');
      const edit = await host.take('edit');
      assert.deepEqual(edit.change, { kind: 'number', key: 'runs', value: 40 });
      assert.match(host.text, /"runs": 40,/);
      await page.waitForFunction(() => document.querySelector('#estimate-calls .figure-value')?.textContent === '360');
      // Not a number: refused beside the field, nothing sent.
      await page.locator('#iterations input').fill('three');
      await page.locator('#iterations input').press('Enter');
      await page.waitForSelector('[data-field="iterations"] .field-message.error');
      assert.match((await page.textContent('[data-field="iterations"] .field-message.error')) ?? '', /"three" is not a number; nothing was written/);
      assert.deepEqual(await host.pending(), []);
      await page.locator('#iterations input').press('Escape');
      assert.equal(await value(page, '#iterations'), '3');
    });

    await t.test('a value the parser refuses shows its message beside the field', async () => {
      await page.locator('#threads input').fill('50');
      await page.locator('#threads input').press('Tab');
      assert.deepEqual((await host.take('edit')).change, { kind: 'number', key: 'threads', value: 50 });
      await page.waitForSelector('[data-field="threads"] .field-message.error');
      assert.match((await page.textContent('[data-field="threads"] .field-message.error')) ?? '', /threads: 50 is more than runs \(40\)/);
      assert.match((await page.textContent('#estimate')) ?? '', /No estimate while the file has 1 error: threads: 50/);
      await page.locator('#threads input').fill('4');
      await page.locator('#threads input').press('Enter');
      await host.take('edit');
      await page.waitForSelector('[data-field="threads"] .field-message.error', { state: 'detached' });
    });

    await t.test('memory sizes: add from a suggestion, remove one, refuse a size that is not one', async () => {
      await page.click('vscode-button[title="Add 1024 MB"]');
      assert.deepEqual((await host.take('edit')).change, { kind: 'memorySettings', memoryMB: [128, 256, 512, 1024] });
      await page.waitForFunction(() => document.querySelectorAll('#memory .tag').length === 4);
      await page.click('vscode-button[title="Remove 256 MB"]');
      assert.deepEqual((await host.take('edit')).change, { kind: 'memorySettings', memoryMB: [128, 512, 1024] });
      assert.match(host.text, /"memorySettings": \[128, 512, 1024\],/);
      await page.waitForFunction(() => document.querySelectorAll('#memory .tag').length === 3);
      await page.locator('#memorySettings input').fill('100');
      await page.locator('#memorySettings input').press('Enter');
      await page.waitForSelector('[data-field="memorySettings"] .field-message.error');
      assert.match((await page.textContent('[data-field="memorySettings"] .field-message.error')) ?? '', /"100" is not a memory size/);
      assert.deepEqual(await host.pending(), []);
      await page.locator('#memorySettings input').fill('2048');
      await page.locator('#memorySettings input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'memorySettings', memoryMB: [128, 512, 1024, 2048] });
    });

    await t.test('a payload with invalid JSON is kept as a draft with its error, and written once valid', async () => {
      const payload = page.locator('#payload-0 textarea');
      await payload.fill('{ "calcs": ');
      await page.waitForSelector('[data-field="payload-0"] .field-message.error');
      assert.match((await page.textContent('[data-field="payload-0"] .field-message.error')) ?? '', /not valid JSON: expected a value \(line 1, column 12\)/);
      await payload.press('Tab');
      await page.waitForSelector('[data-field="payload-0"] .field-message.warning');
      assert.match((await page.textContent('[data-field="payload-0"] .field-message.warning')) ?? '', /Not written to the file yet/);
      assert.deepEqual(await host.pending(), [], 'invalid JSON is not sent');
      const saved = JSON.parse((await page.evaluate(() => sessionStorage.getItem('vscode-state'))) ?? '{}') as { drafts: Record<string, string> };
      assert.deepEqual(saved.drafts, { 'payload-0': '{ "calcs": ' });
      await page.locator('#payloads').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('experiment-editor-payload-error'), clip: (await page.locator('#payloads').boundingBox())! });
      // Revert drops the draft and shows the file's text again.
      await page.click('[data-field="payload-0"] vscode-button:has-text("Revert")');
      assert.equal(await value(page, '#payload-0'), '{ "calcs": 50000 }');
      await page.waitForSelector('[data-field="payload-0"] .field-message', { state: 'detached' });
      const reverted = JSON.parse((await page.evaluate(() => sessionStorage.getItem('vscode-state'))) ?? '{}') as { drafts: Record<string, string> };
      assert.deepEqual(reverted.drafts, {});
      await payload.fill('{ "calcs": 7 }');
      await payload.press('Tab');
      assert.deepEqual((await host.take('edit')).change, { kind: 'editPayload', index: 0, text: '{ "calcs": 7 }' });
      assert.match(host.text, /"payloads": \[\{ "calcs": 7 \}, \{ "calcs": 200000 \}\],/);
      await page.waitForSelector('[data-field="payload-0"] .field-message', { state: 'detached' });
      await page.click('#add-payload');
      assert.deepEqual((await host.take('edit')).change, { kind: 'addPayload', text: '{}' });
      await page.waitForSelector('#payload-2');
      await page.click('vscode-button[title="Remove payload 3"]');
      assert.deepEqual((await host.take('edit')).change, { kind: 'removePayload', index: 2 });
      await page.waitForSelector('#payload-2', { state: 'detached' });
    });

    await t.test('the handler picker sets function and source; platforms cannot all be unchecked', async () => {
      await page.click('#handler');
      await page.click('vscode-option:has-text("hello — hello.js")');
      assert.deepEqual((await host.take('edit')).change, { kind: 'function', name: 'hello', source: 'hello.js' });
      await page.waitForFunction(() => (document.getElementById('function') as HTMLElement & { value: string }).value === 'hello');
      await page.click('#handler');
      await page.click('vscode-option:has-text("calcs — cpu.js")');
      assert.deepEqual((await host.take('edit')).change, { kind: 'function', name: 'calcs', source: 'cpu.js' });
      await page.click('#platforms-local');
      await page.waitForSelector('[data-field="platforms"] .field-message.error');
      assert.equal(await page.$eval('#platforms-local', (el) => (el as HTMLElement & { checked: boolean }).checked), true);
      assert.deepEqual(await host.pending(), []);
    });

    await t.test('mode: open loop enables the rate fields and writes a rate', async () => {
      await page.click('#mode');
      await page.click('vscode-option:has-text("Open loop")');
      assert.deepEqual((await host.take('edit')).change, { kind: 'mode', mode: 'open' });
      assert.match(host.text, /"rate": \{\n {4}"rps": 10,/);
      await page.waitForFunction(() => !(document.getElementById('rate-rps') as HTMLElement & { disabled: boolean }).disabled);
      assert.equal(await value(page, '#rate-rps'), '10');
      // threads is for closed loop: the parser warns, and the field says so.
      await page.waitForSelector('[data-field="threads"] .field-message.warning');
      await page.click('#mode');
      await page.click('vscode-option:has-text("Closed loop")');
      assert.deepEqual((await host.take('edit')).change, { kind: 'mode', mode: 'closed' });
      await page.waitForSelector('[data-field="rate-rps"] .field-message.warning');
      assert.match((await page.textContent('[data-field="rate-rps"] .field-message.warning')) ?? '', /rate: used only when mode is "open"/);
    });

    await t.test('Run and Open as text ask the extension; the run state shows', async () => {
      await page.click('#run');
      await host.take('run');
      await host.send({ type: 'runState', run: { state: 'running' } });
      await page.waitForFunction(() => (document.getElementById('run') as HTMLElement & { disabled: boolean }).disabled);
      await host.send({ type: 'runState', run: { state: 'finished', message: 'Run completed: 360/360 calls recorded, 0 errors, 0 throttled.' } });
      await page.waitForFunction(() => document.getElementById('run-status')?.textContent?.startsWith('Run completed'));
      await page.click('#open-as-text');
      await host.take('openAsText');
      await page.click('#refresh-choices');
      await host.take('refreshChoices');
    });

    await t.test('after a reload the form is drawn from the saved state, then from the host', async () => {
      const text = host.text;
      await page.reload();
      await page.waitForFunction(() => (document.getElementById('runs') as HTMLElement & { value: string } | null)?.value === '40');
      assert.equal(await value(page, '#payload-0'), '{ "calcs": 7 }');
      await host.take('ready');
      await host.sendAll();
      assert.equal(host.text, text);
    });

    await t.test('a file that is not valid JSON is shown read-only with what to do', async () => {
      const good = host.text;
      host.text = good.replace('"iterations": 3,', '"iterations": 3,,');
      await host.sendDocument();
      await page.waitForSelector('#banner:not([hidden])');
      assert.equal(await page.$eval('#runs', (el) => (el as HTMLElement & { disabled: boolean }).disabled), true);
      assert.match((await page.textContent('#general-problems')) ?? '', /Line \d+: JSON syntax/);
      await shoot(page, 'read-only');
      host.text = good;
      await host.sendDocument();
      await page.waitForSelector('#banner[hidden]', { state: 'attached' });
      assert.equal(await page.$eval('#runs', (el) => (el as HTMLElement & { disabled: boolean }).disabled), false);
    });

    await t.test('deployed on the local platform: the estimate prices it', async () => {
      const calcs = parseAnnotations(path.join(EXAMPLES, 'cpu.js'), readFileSync(path.join(EXAMPLES, 'cpu.js'), 'utf8')).functions[0]!;
      await deployIfChanged(calcs, registry.get('local'));
      await host.sendDocument();
      await page.waitForFunction(() => document.querySelector('#estimate-cost .figure-value')?.textContent === '$0.00');
      const rows = await page.$$eval('#estimate .lines tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
      assert.deepEqual(rows, [
        ['local', '128 MB', '120', '$0.00'],
        ['local', '512 MB', '120', '$0.00'],
        ['local', '1024 MB', '120', '$0.00'],
        ['local', '2048 MB', '120', '$0.00'],
      ]);
      assert.match((await page.textContent('#estimate')) ?? '', /Cost: list prices at the function's timeout per call \(60 s\), an upper bound/);
    });

    await t.test('screenshots in light, dark and high contrast', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'light');
      for (const theme of ['dark', 'high-contrast'] as const) {
        await applyTheme(page, theme);
        await shoot(page, theme);
      }
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(0, 0, 0)');
      // A narrow editor group: one column, the estimate first.
      await applyTheme(page, 'dark');
      await page.setViewportSize({ width: 520, height: 900 });
      await frames(page);
      const [estimateTop, formTop] = await page.evaluate(() => [document.getElementById('estimate')!.getBoundingClientRect().top, document.getElementById('form')!.getBoundingClientRect().top]);
      assert.ok(estimateTop! < formTop!, 'the estimate is above the form');
      await shoot(page, 'narrow-dark');
    });

    await t.test('memory recommendation, retry and http target: each field writes its key, refuses what the key cannot hold', async () => {
      const doc = () => JSON.parse(host.text) as Record<string, unknown>;
      const refused = async (field: string, pattern: RegExp) => {
        await page.waitForSelector(`[data-field="${field}"] .field-message.error`);
        assert.match((await page.textContent(`[data-field="${field}"] .field-message.error`)) ?? '', pattern);
        assert.deepEqual(await host.pending(), [], 'nothing was sent');
      };
      await page.locator('#recommendation').scrollIntoViewIfNeeded();
      assert.equal(await value(page, '#strategy'), 'cost', 'no strategy in the file: its default shows');
      await page.click('#strategy');
      await page.click('#strategy vscode-option[value="balanced"]');
      assert.deepEqual((await host.take('edit')).change, { kind: 'choice', key: 'strategy', value: 'balanced' });
      await page.locator('#balancedWeight input').fill('2');
      await page.locator('#balancedWeight input').press('Enter');
      await refused('balancedWeight', /balancedWeight: 2 is not from 0 to 1.*nothing was written/);
      await page.locator('#balancedWeight input').fill('0.7');
      await page.locator('#balancedWeight input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'number', key: 'balancedWeight', value: 0.7 });
      assert.deepEqual([doc().strategy, doc().balancedWeight], ['balanced', 0.7]);

      await page.locator('#retry-maxRetries input').fill('3');
      await page.locator('#retry-maxRetries input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'retry', key: 'maxRetries', value: 3 });
      await page.locator('#retry-baseDelayMs input').fill('250');
      await page.locator('#retry-baseDelayMs input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'retry', key: 'baseDelayMs', value: 250 });
      await page.locator('#retry-maxDelayMs input').fill('0');
      await page.locator('#retry-maxDelayMs input').press('Enter');
      await refused('retry-maxDelayMs', /retry\.maxDelayMs: 0 is not a number of ms from 1 to 600000/);
      assert.deepEqual(doc().retry, { maxRetries: 3, baseDelayMs: 250 });
      // A delay the parser refuses (longer first than longest) is shown beside the field it is about.
      await page.locator('#retry-maxDelayMs input').fill('200');
      await page.locator('#retry-maxDelayMs input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'retry', key: 'maxDelayMs', value: 200 });
      await page.waitForSelector('[data-field="retry-maxDelayMs"] .field-message');
      assert.match((await page.textContent('[data-field="retry-maxDelayMs"] .field-message')) ?? '', /retry\.maxDelayMs/);
      await page.locator('#retry-maxDelayMs input').fill('');
      await page.locator('#retry-maxDelayMs input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'retry', key: 'maxDelayMs', value: null });
      assert.deepEqual(doc().retry, { maxRetries: 3, baseDelayMs: 250 });

      await page.locator('#http').scrollIntoViewIfNeeded();
      await page.locator('#endpoint input').fill('127.0.0.1:31112/function/calcs');
      await page.locator('#endpoint input').press('Enter');
      await refused('endpoint', /endpoint: "127\.0\.0\.1:31112\/function\/calcs" is not an http:\/\/ or https:\/\/ URL/);
      await page.locator('#endpoint input').fill('http://127.0.0.1:31112/function/calcs');
      await page.locator('#endpoint input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'text', key: 'endpoint', value: 'http://127.0.0.1:31112/function/calcs' });
      // The platform is local: the parser's word that the key is ignored there shows beside it.
      await page.waitForSelector('[data-field="endpoint"] .field-message.warning');
      assert.match((await page.textContent('[data-field="endpoint"] .field-message.warning')) ?? '', /endpoint: used only with platform "http"/);
      await page.click('#method');
      await page.click('#method vscode-option[value="PUT"]');
      assert.deepEqual((await host.take('edit')).change, { kind: 'choice', key: 'method', value: 'PUT' });
      const headers = page.locator('#headers textarea');
      await headers.fill('{"X Api": "k"}');
      await headers.press('Tab');
      await refused('headers', /headers: "X Api": not a header name/);
      await headers.fill('{"X-Api-Key": "k"}');
      await headers.press('Tab');
      assert.deepEqual((await host.take('edit')).change, { kind: 'json', key: 'headers', text: '{"X-Api-Key": "k"}' });
      await page.locator('#bodyTemplate input').fill('{"n": {{payload.calcs}');
      await page.locator('#bodyTemplate input').press('Enter');
      await refused('bodyTemplate', /bodyTemplate: /);
      await page.locator('#bodyTemplate input').fill('{"n": {{payload.calcs}}}');
      await page.locator('#bodyTemplate input').press('Enter');
      assert.deepEqual((await host.take('edit')).change, { kind: 'text', key: 'bodyTemplate', value: '{"n": {{payload.calcs}}}' });
      const written = doc();
      assert.deepEqual(
        [written.endpoint, written.method, written.headers, written.bodyTemplate],
        ['http://127.0.0.1:31112/function/calcs', 'PUT', { 'X-Api-Key': 'k' }, '{"n": {{payload.calcs}}}'],
      );
      // The form shows what the file now holds, after the host's answer.
      assert.equal(await value(page, '#method'), 'PUT');
      assert.equal(await value(page, '#retry-baseDelayMs'), '250');
      // A new key goes on lines of its own in the file, so the field shows it re-indented.
      assert.equal(await value(page, '#headers'), '{\n  "X-Api-Key": "k"\n}');
      await page.screenshot({ path: screenshotPath('experiment-editor-http-recommendation'), clip: (await page.locator('#http').boundingBox())! });
    });

    await t.test('no console errors, no CSP violations, no missing files', async () => {
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
      assert.deepEqual(misses, []);
      assert.equal(host.applied.length, 23);
    });
  } finally {
    await webview?.close();
    await registry.dispose();
    rmSync(work, { recursive: true, force: true });
  }
});
