// Drives VS Code's workbench in Chromium the way a user does: clicks, the command palette,
// quick picks; and reads what a user sees (text on screen, pixels in webview charts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Polls `probe` until it returns a value; on timeout the error says what was awaited and what was last seen. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, lastSeen?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = lastSeen ? await lastSeen().catch(() => '') : '';
      const because = lastError ? ` (last error: ${(lastError as Error).message.split('\n')[0]})` : '';
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${because}${seen ? `\nLast seen:\n${seen}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Monaco and the workbench use non-breaking spaces; tests compare plain text. */
function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

export interface CanvasPixels {
  frameUrl: string;
  canvases: number;
  /** Canvases with at least `minPainted` pixels not of their background colour. */
  drawn: number;
  paintedPerCanvas: number[];
}

export class Workbench {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    private readonly artifactsDir: string,
  ) {}

  static async launch(options: { chromium: string; artifactsDir: string; allowedHost: string }): Promise<Workbench> {
    await mkdir(options.artifactsDir, { recursive: true });
    const browser = await chromium.launch({ executablePath: options.chromium, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    // The test talks to 127.0.0.1 only: anything else the page asks for is refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      return url.hostname === options.allowedHost || url.protocol === 'data:' || url.protocol === 'blob:' ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    return new Workbench(browser, page, options.artifactsDir);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  /** Opens VS Code with `folder` as the workspace and waits until the explorer lists `expectFile`. */
  async open(url: string, folder: string, expectFile: string, timeoutMs: number): Promise<void> {
    await this.page.goto(`${url}?folder=${encodeURIComponent(folder)}`, { timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await waitFor(`the explorer to list ${expectFile}`, async () => (await this.explorerRow(expectFile).count()) > 0, timeoutMs, () => this.visibleText());
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.artifactsDir, `vscode-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** What the page and each of its frames (webviews) show as text, for failure reports. */
  async visibleText(): Promise<string> {
    const parts: string[] = [];
    for (const frame of this.page.frames()) {
      // The web-worker extension host's frame is an invisible page of script.
      if (frame.url().includes('webWorkerExtensionHostIframe')) continue;
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (text.trim()) parts.push(`--- ${frame === this.page.mainFrame() ? 'page' : `frame ${frame.url().slice(0, 160)}`}\n${plain(text)}`);
    }
    return parts.join('\n');
  }

  // ---- the activity bar, explorer and editors -------------------------------------------

  activityBarItem(label: string): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${label}"]`).first();
  }

  /**
   * Waits until the activity-bar item's icon has loaded (an extension's icon is a CSS mask that
   * paints only once its SVG arrives, so the item can be in place but still blank) and returns
   * the icon's URL.
   */
  async activityBarIcon(label: string, timeoutMs: number): Promise<string> {
    const item = this.activityBarItem(label);
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return item.evaluate(
      (el, ms) =>
        new Promise<string>((resolve, reject) => {
          const style = getComputedStyle(el);
          const mask = style.getPropertyValue('-webkit-mask-image') || style.getPropertyValue('mask-image') || style.backgroundImage;
          const url = /url\("?([^")]+)"?\)/.exec(mask)?.[1];
          if (!url) return reject(new Error(`no icon image on the item (mask: ${mask})`));
          const img = new Image();
          const timer = setTimeout(() => reject(new Error(`icon ${url} did not load in ${ms} ms`)), ms);
          img.onload = () => requestAnimationFrame(() => requestAnimationFrame(() => (clearTimeout(timer), resolve(url))));
          img.onerror = () => (clearTimeout(timer), reject(new Error(`icon ${url} failed to load`)));
          img.src = url;
        }),
      timeoutMs,
    );
  }

  explorerRow(fileName: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${fileName}"]`);
  }

  async showExplorer(): Promise<void> {
    if (!(await this.page.locator('.explorer-folders-view').isVisible())) await this.activityBarItem('Explorer').click();
    await this.page.locator('.explorer-folders-view').waitFor({ timeout: 10_000 });
  }

  /** Opens a file from the explorer, as a click does (a pinned editor, not a preview). */
  async openFromExplorer(fileName: string, timeoutMs = 20_000): Promise<void> {
    await this.showExplorer();
    await this.explorerRow(fileName).dblclick();
    await waitFor(`an editor tab for ${fileName}`, async () => this.page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).isVisible(), timeoutMs, () => this.tabTitles());
  }

  async tabTitles(): Promise<string> {
    return (await this.page.locator('.tabs-container .tab').allInnerTexts()).map(plain).join(' | ');
  }

  // ---- CodeLens ----------------------------------------------------------------------

  codeLens(title: string): Locator {
    return this.page.locator('.monaco-editor .codelens-decoration a').filter({ hasText: title });
  }

  async codeLensTitles(): Promise<string[]> {
    return (await this.page.locator('.monaco-editor .codelens-decoration a').allInnerTexts()).map((t) => plain(t).trim());
  }

  async waitForCodeLens(titles: string[], timeoutMs: number): Promise<string[]> {
    return waitFor(
      `CodeLens ${titles.map((t) => `"${t}"`).join(', ')}`,
      async () => {
        const seen = (await this.codeLensTitles()).join(' ');
        return titles.every((t) => seen.includes(t)) ? await this.codeLensTitles() : undefined;
      },
      timeoutMs,
      async () => `CodeLens on screen: ${JSON.stringify(await this.codeLensTitles())}`,
    );
  }

  // ---- the command palette and quick input --------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the palette by its title as shown there (e.g. "FaaS Lab: Open Results"). */
  async runCommand(title: string, timeoutMs = 15_000): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(`>${title}`);
    await this.pickQuickItem(title, timeoutMs);
  }

  /** Chooses the quick pick row whose label contains `label` (typing it filters the list first). */
  async pickQuickItem(label: string, timeoutMs = 15_000): Promise<void> {
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
    await waitFor(`a quick pick item "${label}"`, () => row.isVisible(), timeoutMs, () => this.quickInputText());
    await row.click();
  }

  async quickInputText(): Promise<string> {
    const widget = this.quickInput();
    return (await widget.isVisible()) ? plain(await widget.innerText()) : '(no quick input open)';
  }

  /** Waits for a quick pick (with rows) or an input box whose title contains `title`; returns its text. */
  async waitForQuickInput(title: string, timeoutMs: number, kind: 'pick' | 'input' = 'pick'): Promise<string> {
    return waitFor(
      `a quick input titled "${title}"`,
      async () => {
        const shown = (await this.quickInput().isVisible()) && (await this.quickInput().locator('.quick-input-title').innerText()).includes(title);
        // Rows are filled in just after the title: wait for them too.
        const rows = await this.quickInput().locator('.quick-input-list .monaco-list-row').count();
        return shown && (kind === 'input' || rows > 0) ? this.quickInputText() : undefined;
      },
      timeoutMs,
      () => this.quickInputText(),
    );
  }

  /** Replaces the input box's text and presses Enter. */
  async answerInput(text: string): Promise<void> {
    const input = this.quickInput().locator('input');
    await input.fill(text);
    await input.press('Enter');
  }

  // ---- notifications and the output panel ---------------------------------------------

  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-toast').allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim());
  }

  /** The text the panel's Output view shows (the lines on screen). */
  async outputText(): Promise<string> {
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines');
    return (await lines.count()) > 0 ? plain(await lines.first().innerText()) : '';
  }

  /** The channel the Output view's drop-down has selected. */
  async activeOutputChannel(): Promise<string> {
    return this.page.evaluate(() => {
      for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>('.part.panel select'))) {
        const chosen = select.selectedOptions[0]?.textContent;
        if (chosen) return chosen;
      }
      return '';
    });
  }

  /**
   * Starts recording every notification that appears, however briefly (a quick deploy's
   * progress can come and go between two polls).
   */
  async recordNotifications(): Promise<void> {
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    await this.page.evaluate(() => {
      const w = window as unknown as { faasLabNotes: string[]; faasLabObserver?: MutationObserver };
      w.faasLabObserver?.disconnect();
      w.faasLabNotes = [];
      w.faasLabObserver = new MutationObserver(() => {
        for (const toast of Array.from(document.querySelectorAll<HTMLElement>('.notifications-toasts .notification-toast'))) {
          const text = (toast.innerText || toast.textContent || '').replace(/\s+/g, ' ').trim();
          if (text && !w.faasLabNotes.includes(text)) w.faasLabNotes.push(text);
        }
      });
      w.faasLabObserver.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }

  async recordedNotifications(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { faasLabNotes?: string[] }).faasLabNotes ?? []);
  }

  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<string> {
    return waitFor(
      `the output panel to show ${pattern}`,
      async () => {
        const text = await this.outputText();
        return pattern.test(text) ? text : undefined;
      },
      timeoutMs,
      async () => `output panel:\n${await this.outputText()}\nnotifications: ${JSON.stringify(await this.notifications())}`,
    );
  }

  /** The status bar's problem counts (errors, warnings…) and how the item reads them out. */
  async problemCounts(): Promise<{ counts: number[]; label: string }> {
    const item = this.page.locator('[id="status.problems"]');
    const text = plain(await item.innerText());
    const label = (await item.locator('[aria-label]').first().getAttribute('aria-label').catch(() => null)) ?? text;
    return { counts: (text.match(/\d+/g) ?? []).map(Number), label };
  }

  /** Opens the Problems panel (a click on the status bar's problem counts) and returns its rows' text. */
  async problemsRows(): Promise<string[]> {
    const rows = this.page.locator('.part.panel .markers-panel .monaco-list-row');
    if ((await rows.count()) === 0) await this.page.locator('[id="status.problems"]').click();
    await rows.first().waitFor({ timeout: 10_000 });
    return (await rows.allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' ').trim());
  }

  // ---- notebooks ------------------------------------------------------------------------

  /** The code cell of the open notebook whose text contains `text` (e.g. "def hello_world"). */
  notebookCell(text: string): Locator {
    return this.page.locator('.notebook-editor .monaco-list-row.code-cell-row').filter({ hasText: text });
  }

  /**
   * Scrolls the open notebook until the code cell holding `text` is drawn (the notebook's list
   * draws only the cells near the viewport) and brings it into view.
   */
  async revealNotebookCell(text: string, timeoutMs: number): Promise<void> {
    const list = this.page.locator('.notebook-editor .cell-list-container').first();
    await waitFor(`the notebook cell holding "${text}"`, async () => {
      if ((await this.notebookCell(text).count()) > 0) {
        await this.notebookCell(text).first().scrollIntoViewIfNeeded();
        return true;
      }
      const box = await list.boundingBox();
      if (box) {
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await this.page.mouse.wheel(0, 400);
      }
      return undefined;
    }, timeoutMs, () => this.visibleText());
  }

  /** The CodeLens titled `title` inside that cell. */
  cellCodeLens(cellText: string, title: string): Locator {
    return this.notebookCell(cellText).locator('.codelens-decoration a').filter({ hasText: title });
  }

  // ---- the side bar tree ----------------------------------------------------------------

  /** Each tree row of the side bar as "label — description". */
  async sideBarRows(): Promise<string[]> {
    const rows = await this.page.locator('.part.sidebar .monaco-list-row').evaluateAll((elements) =>
      elements.map((row) => {
        const label = row.querySelector('.label-name')?.textContent ?? row.textContent ?? '';
        const description = row.querySelector('.label-description')?.textContent ?? '';
        return description ? `${label} — ${description}` : label;
      }),
    );
    return rows.map((r) => plain(r).replace(/\s+/g, ' ').trim());
  }

  // ---- webviews ---------------------------------------------------------------------------

  /** Frames (webview documents) that hold an element matching `selector`. */
  async framesWith(selector: string): Promise<Frame[]> {
    const found: Frame[] = [];
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame()) continue;
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) found.push(frame);
    }
    return found;
  }

  /**
   * For every canvas of every webview frame, how many pixels differ from its most common colour
   * (its background, transparent or filled): a blank or background-only canvas counts 0.
   */
  async canvasPixels(minPainted: number): Promise<CanvasPixels[]> {
    const result: CanvasPixels[] = [];
    for (const frame of await this.framesWith('canvas')) {
      const painted = await frame
        .evaluate(() =>
          Array.from(document.querySelectorAll('canvas')).map((canvas) => {
            const ctx = canvas.width > 0 && canvas.height > 0 ? canvas.getContext('2d') : null;
            if (!ctx) return 0;
            const pixels = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
            const counts = new Map<number, number>();
            for (const p of pixels) counts.set(p, (counts.get(p) ?? 0) + 1);
            return pixels.length - Math.max(...counts.values());
          }),
        )
        .catch(() => [] as number[]);
      result.push({ frameUrl: frame.url(), canvases: painted.length, drawn: painted.filter((n) => n >= minPainted).length, paintedPerCanvas: painted });
    }
    return result;
  }

  async writeArtifact(name: string, text: string): Promise<string> {
    const file = join(this.artifactsDir, name);
    await writeFile(file, text);
    return file;
  }
}
