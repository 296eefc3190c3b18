import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loadRun } from '../../src/extension/results/load';
import { RESULTS_STATE_VERSION, type ResultsState } from '../../src/webviews/results/protocol';
import { CHROMIUM_MISSING, chromiumAvailable } from '../../test/fixtures/webview-browser/chromium';
import { generateRecords } from '../../test/fixtures/webview-browser/generate';
import { openWebview, type WebviewInBrowser } from '../../test/fixtures/webview-browser/page';
import { writeRun } from '../../test/fixtures/webview-browser/run-folder';
import { waitForReady } from '../../test/fixtures/webview-browser/vscode-shim';
import { THEMES } from '../../test/fixtures/webview-browser/vscode-themes';
import { fmt, percentile } from './stats';

const CALLS = 100_000;
const REPETITIONS = 5;

/**
 * The results explorer with a 100,000-call run, in headless Chromium: the extension host reading
 * and shaping the run folder (the real loadRun), the message it sends, and the webview drawing it.
 */
export async function benchResultsRender(): Promise<string[]> {
  const label = `results explorer, ${CALLS.toLocaleString('en-US')} calls`;
  if (!chromiumAvailable()) return [`${label}: not measured, ${CHROMIUM_MISSING}`];
  const work = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-results-'));
  let webview: WebviewInBrowser | undefined;
  try {
    const runDir = writeRun(path.join(work, 'runs'), '2026-11-23T12-00-00-000Z', generateRecords({ count: CALLS, seed: 23, warmupPerSize: 8 }));
    const initialState: ResultsState = { version: RESULTS_STATE_VERSION, source: { kind: 'run', runDir }, live: false, metric: 'roundTripMs' };
    webview = await openWebview({ bundle: 'results', html: { title: 'Results: hello', initialState }, themes: THEMES, theme: 'light', viewport: { width: 1280, height: 900 } });
    const { page } = webview;
    const hostMs: number[] = [];
    const renderMs: number[] = [];
    let messageBytes = 0;
    let charts = 0;
    for (let i = 0; i < REPETITIONS; i++) {
      const started = performance.now();
      const { message } = await loadRun(runDir, false);
      hostMs.push(performance.now() - started);
      // VS Code sends webview messages as JSON.
      messageBytes = Buffer.byteLength(JSON.stringify(message));
      // A fresh page each time, as when the panel is opened.
      if (i > 0) await page.reload();
      await waitForReady(page);
      const drawn = await timeRender(page, message);
      renderMs.push(drawn.ms);
      charts = drawn.charts;
    }
    const heapMB = (await jsHeapUsed(page)) / 2 ** 20;
    const lines = [
      `${label}: host read + shape p50 ${(percentile(hostMs, 50) / 1000).toFixed(2)} s · message ${(messageBytes / 1024).toFixed(0)} KiB · render p50 ${fmt(percentile(renderMs, 50))} (${charts} charts, light theme, ${REPETITIONS} page loads) · JS heap ${heapMB.toFixed(1)} MB after GC`,
    ];
    if (webview.problems.length > 0) lines.push(`  the page reported problems: ${webview.problems.join(' | ')}`);
    return lines;
  } finally {
    await webview?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** From posting the message until every chart is on screen: two animation frames after main.ts has drawn them. */
function timeRender(page: Page, message: unknown): Promise<{ ms: number; charts: number }> {
  return page.evaluate(
    (m) =>
      new Promise<{ ms: number; charts: number }>((resolve) => {
        const started = performance.now();
        // Registered after main.ts's listener, which updates every chart before returning. No
        // named function in here: tsx would wrap it in a helper the page does not have.
        window.addEventListener(
          'message',
          () => requestAnimationFrame(() => requestAnimationFrame(() => resolve({ ms: performance.now() - started, charts: document.querySelectorAll('figure.card canvas').length }))),
          { once: true },
        );
        window.postMessage(m, '*');
      }),
    message,
  );
}

/** What the page's JavaScript keeps once garbage is collected (Chromium's own figure, over CDP). */
async function jsHeapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  } finally {
    await cdp.detach();
  }
}
