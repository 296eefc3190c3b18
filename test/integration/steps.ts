// One scenario step = one node:test test: a screenshot when it passes; when it fails, a
// screenshot, the text on screen and the logs, so a CI failure can be read without rerunning.
import type { TestContext } from 'node:test';
import type { Workbench } from './workbench';

export class Steps {
  private failed: string | undefined;

  constructor(
    private readonly workbench: () => Workbench | undefined,
    private readonly logs: () => Promise<string>,
  ) {}

  /**
   * Runs `body` as step `name` (file names: test-results/vscode-<name>.png). Skipped, saying
   * why, once an earlier step failed: later steps build on what earlier ones did.
   */
  async run(t: TestContext, name: string, body: () => Promise<void>): Promise<void> {
    if (this.failed) {
      t.skip(`not run: step ${this.failed} failed`);
      return;
    }
    const wb = this.workbench();
    if (!wb) throw new Error('VS Code did not start (see the before hook)');
    const started = Date.now();
    try {
      await body();
      // Park the pointer on the empty title bar so no hover or tooltip covers the screenshot.
      await wb.page.mouse.move(1200, 12);
      const shot = await wb.screenshot(name);
      t.diagnostic(`${Math.round((Date.now() - started) / 100) / 10} s · ${shot}`);
    } catch (err) {
      this.failed = name;
      const shot = await wb.screenshot(`${name}-failure`).catch((e: Error) => `(no screenshot: ${e.message})`);
      const report = [
        `Step ${name} failed after ${Math.round((Date.now() - started) / 1000)} s: ${(err as Error).stack ?? String(err)}`,
        '',
        '=== What the page shows (page and webview frames) ===',
        await wb.visibleText().catch((e: Error) => `(unreadable: ${e.message})`),
        '',
        await this.logs().catch((e: Error) => `(no logs: ${e.message})`),
      ].join('\n');
      const file = await wb.writeArtifact(`vscode-${name}-failure.txt`, report);
      throw new Error(`${(err as Error).message}\n(screenshot ${shot}; page text and logs in ${file})`, { cause: err });
    }
  }
}
