// One results explorer panel: a run or a comparison of two runs. It owns its webview, answers its
// messages (each checked against the protocol first) and, for a run still going, follows it live.
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { ResponseFilter } from '../../core/results/view/response';
import { isMessageToHost, RESULTS_STATE_VERSION, RESULTS_VIEW_TYPE, type MessageToHost, type MessageToWebview, type ResultsSource, type ResultsState } from '../../webviews/results/protocol';
import { reportError } from '../commands/register';
import type { FaasLabContext } from '../context';
import { WebviewController } from '../webviews/controller';
import { webviewOptions } from '../webviews/html';
import { exportRunCsv, savePng } from './export';
import { loadComparison, loadRun } from './load';
import { watchRun } from './watch';

function sourceKey(source: ResultsSource): string {
  return source.kind === 'run' ? `run:${path.resolve(source.runDir)}` : `comparison:${path.resolve(source.before)}|${path.resolve(source.after)}`;
}

function panelTitle(source: ResultsSource): string {
  const name = (dir: string) => `${path.basename(path.dirname(dir))} ${path.basename(dir).slice(0, 16).replace('T', ' ')}`;
  return source.kind === 'run' ? `Results: ${name(source.runDir)}` : `Compare: ${name(source.before)} → ${name(source.after)}`;
}

function initialResultsState(source: ResultsSource, live: boolean): ResultsState {
  return { version: RESULTS_STATE_VERSION, source, live, metric: 'roundTripMs' };
}

export class ResultsPanel {
  private watcher: { dispose(): void } | undefined;
  private loading: Promise<void> | undefined;
  private stale = false;
  private disposed = false;
  private lastLoadMs = 0;
  /** The webview's returned-field filter: only the calls it keeps are shaped and sent. */
  private filter: ResponseFilter | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly controller: WebviewController<MessageToHost, MessageToWebview>;

  constructor(
    ctx: FaasLabContext,
    readonly panel: vscode.WebviewPanel,
    readonly source: ResultsSource,
    private live: boolean,
    private readonly onDispose: () => void,
  ) {
    const extensionUri = ctx.extension.extensionUri;
    panel.title = panelTitle(source);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'faas-lab.svg');
    this.controller = new WebviewController(panel.webview, extensionUri, {
      name: 'Results explorer',
      page: { bundle: 'results', title: panel.title, initialState: initialResultsState(source, live) },
      isMessage: isMessageToHost,
      handle: (message) => this.handle(message),
      log: (line) => ctx.output.appendLine(line),
      report: (err) => reportError(ctx, err),
    });
    this.disposables.push(this.controller, panel.onDidDispose(() => this.dispose()));
  }

  /** Follow the run from now on (e.g. opened again by the experiment runner while it goes). */
  followLive(): void {
    if (this.source.kind !== 'run' || this.live) return;
    this.live = true;
    void this.refresh();
  }

  private async handle(message: MessageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'filterCalls':
        this.filter = message.filter;
        await this.refresh();
        return;
      case 'exportPng':
        await savePng(message.name, message.dataUrl, this.defaultFolder());
        return;
      case 'exportCsv':
        await exportRunCsv(this.csvRunDir(message.runDir));
        return;
      case 'resumeRun':
        // The panel's own run, never a path from the webview.
        if (this.source.kind === 'run') await vscode.commands.executeCommand('faasLab.resumeRun', this.source.runDir);
        return;
    }
  }

  /** Only a run this panel shows may be exported: the webview names one, it does not choose any path. */
  private csvRunDir(asked: string | undefined): string {
    const runs = this.source.kind === 'run' ? [this.source.runDir] : [this.source.before, this.source.after];
    return runs.find((r) => asked === undefined || path.resolve(r) === path.resolve(asked)) ?? runs[0]!;
  }

  private defaultFolder(): string {
    return this.source.kind === 'run' ? this.source.runDir : this.source.after;
  }

  /**
   * Loads and sends the data; calls arriving while a load runs are folded into one more load.
   * A hidden panel has no page (retainContextWhenHidden is off): it loads when its page says ready.
   */
  refresh(): Promise<void> {
    if (!this.panel.visible) return Promise.resolve();
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    this.stale = false;
    this.loading = this.load().finally(() => {
      this.loading = undefined;
      if (this.stale && this.panel.visible) void this.refresh();
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const started = performance.now();
    const source = this.source;
    let message: MessageToWebview;
    let running = false;
    try {
      const loaded = source.kind === 'run' ? await loadRun(source.runDir, this.live, this.filter) : await loadComparison(source.before, source.after);
      message = loaded.message;
      running = loaded.running;
    } catch (err) {
      message = { type: 'loadFailed', message: `Could not read ${source.kind === 'run' ? source.runDir : 'the runs'}: ${(err as Error).message}` };
      // A live panel opened a moment before run.json exists keeps trying.
      running = this.live;
    }
    this.lastLoadMs = performance.now() - started;
    if (this.disposed) return;
    await this.controller.post(message);
    this.updateWatch(source.kind === 'run' && this.live && running);
  }

  private updateWatch(follow: boolean): void {
    if (follow && !this.watcher && this.source.kind === 'run') {
      // After each reload, rest as long as it took: a 100,000-call run keeps the host at most half busy.
      this.watcher = watchRun(this.source.runDir, async () => {
        await this.refresh();
        await delay(this.lastLoadMs);
      });
    } else if (!follow && this.watcher) {
      this.watcher.dispose();
      this.watcher = undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
    this.onDispose();
  }
}

/** The open results panels, one per run or comparison. */
export class ResultsPanels {
  private readonly open = new Map<string, ResultsPanel>();

  constructor(private readonly ctx: FaasLabContext) {}

  show(source: ResultsSource, options: { live?: boolean } = {}): ResultsPanel {
    const key = sourceKey(source);
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      if (options.live) existing.followLive();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, panelTitle(source), vscode.ViewColumn.Active, { ...webviewOptions(this.ctx.extension.extensionUri), retainContextWhenHidden: false });
    return this.adopt(panel, source, options.live ?? false);
  }

  /** Takes over a panel VS Code restored after a reload. */
  adopt(panel: vscode.WebviewPanel, source: ResultsSource, live: boolean): ResultsPanel {
    const key = sourceKey(source);
    this.open.get(key)?.panel.dispose();
    const results = new ResultsPanel(this.ctx, panel, source, live, () => this.open.delete(key));
    this.open.set(key, results);
    return results;
  }

  dispose(): void {
    for (const p of [...this.open.values()]) p.panel.dispose();
  }
}
