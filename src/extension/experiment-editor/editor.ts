// One open experiment editor: a webview showing a form over an *.experiment.json document. The
// document is the only model: every form change becomes a minimal text edit on it (so VS Code's
// undo/redo, dirty state and save all work as for typing), and every document change, from the
// form, the text editor or an undo, is sent back to the form.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { languageOf, mayContainAnnotations } from '../../core/annotations';
import type { RunResult } from '../../core/experiment/runner';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { editsForChange, fieldOfChange } from '../../core/experiment/form/edits';
import type { FormChange } from '../../core/experiment/form/fields';
import { isMessageToHost, type MessageToHost, type MessageToWebview, type RunState } from '../../webviews/experiment/protocol';
import { reportError } from '../commands/register';
import type { FaasLabContext } from '../context';
import { WebviewController } from '../webviews/controller';
import { findDeployments, type KnownDeployments } from './deployments';
import { findHandlerChoices } from './handlers';
import { documentMessage, estimateOf } from './messages';
import { platformChoices } from './platforms';
import { toWorkspaceEdit } from './workspace-edit';

const ESTIMATE_DELAY_MS = 150;
const CHOICES_DELAY_MS = 500;
const DEPLOYMENTS_FRESH_MS = 30_000;

export class ExperimentEditor {
  private readonly disposables: vscode.Disposable[] = [];
  private run: RunState = { state: 'idle' };
  private estimateTimer: NodeJS.Timeout | undefined;
  private choicesTimer: NodeJS.Timeout | undefined;
  private estimateGeneration = 0;
  private deployments: { key: string; at: number; known: Promise<KnownDeployments> } | undefined;
  private disposed = false;
  private readonly controller: WebviewController<MessageToHost, MessageToWebview>;

  constructor(
    private readonly ctx: FaasLabContext,
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
  ) {
    this.controller = new WebviewController(panel.webview, ctx.extension.extensionUri, {
      name: 'Experiment editor',
      page: { bundle: 'experiment', title: path.basename(document.uri.fsPath), styleNonce: true },
      isMessage: isMessageToHost,
      handle: (message) => this.handle(message),
      log: (line) => ctx.output.appendLine(line),
      report: (err) => reportError(ctx, err),
    });
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== document.uri.toString() || e.contentChanges.length === 0) return;
        this.sendDocument();
        this.scheduleEstimate();
      }),
      vscode.workspace.onDidSaveTextDocument((saved) => {
        if (languageOf(saved.uri.fsPath) && mayContainAnnotations(saved.getText())) this.scheduleChoices();
      }),
      ctx.onDidChangeDeployments(() => {
        this.deployments = undefined;
        this.scheduleEstimate();
        this.scheduleChoices();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private async handle(message: MessageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.sendDocument();
        this.post({ type: 'runState', run: this.run });
        this.scheduleEstimate(0);
        await this.sendChoices();
        return;
      case 'edit':
        await this.applyChange(message.change);
        return;
      case 'run':
        await this.startRun();
        return;
      case 'openAsText':
        await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', this.panel.viewColumn);
        return;
      case 'refreshChoices':
        this.deployments = undefined;
        this.scheduleEstimate(0);
        await this.sendChoices();
        return;
    }
  }

  private async applyChange(change: FormChange): Promise<void> {
    // Computed and turned into positions on the same text, with no await between.
    const result = editsForChange(this.document.getText(), change);
    const rejected = (message: string) =>
      this.post({ type: 'editRejected', field: fieldOfChange(change), ...(change.kind === 'editPayload' ? { index: change.index } : {}), message });
    if (!result.ok) return rejected(result.message);
    if (result.edits.length === 0) return;
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(this.document, result.edits));
    if (!applied) rejected('VS Code did not apply the change (is the file read-only?); edit it as text instead');
  }

  private async startRun(): Promise<void> {
    if (this.run.state === 'running') return;
    this.setRun({ state: 'running' });
    try {
      // The same command as the CodeLens and the editor title button: deploy, progress, results.
      const result = await vscode.commands.executeCommand<RunResult | undefined>('faasLab.runExperiment', this.document.uri);
      if (!result) this.setRun({ state: 'failed', message: 'The run did not finish: it was stopped, or the reason is in the notification and the FaaS Lab output.' });
      else {
        const { recorded, planned, errors, timeouts, throttled } = result.counts;
        const message = `Run ${result.status.replace(/-/g, ' ')}: ${recorded}/${planned} calls recorded, ${errors + timeouts} errors, ${throttled} throttled.`;
        this.setRun({ state: result.status.startsWith('completed') ? 'finished' : 'failed', message });
      }
    } catch (err) {
      this.setRun({ state: 'failed', message: `The run failed: ${(err as Error).message}` });
    }
  }

  private setRun(run: RunState): void {
    this.run = run;
    this.post({ type: 'runState', run });
  }

  private sendDocument(): void {
    this.post(documentMessage(this.document.uri.fsPath, this.document.getText(), this.document.version));
  }

  private async sendChoices(): Promise<void> {
    const [functions, platforms] = await Promise.all([
      findHandlerChoices(this.document.uri.fsPath),
      platformChoices(this.ctx.platformsFor(this.document.uri)),
    ]);
    this.post({ type: 'choices', functions, platforms });
  }

  private scheduleChoices(): void {
    clearTimeout(this.choicesTimer);
    this.choicesTimer = setTimeout(() => void this.sendChoices().catch((err: unknown) => reportError(this.ctx, err)), CHOICES_DELAY_MS);
  }

  private scheduleEstimate(delayMs = ESTIMATE_DELAY_MS): void {
    clearTimeout(this.estimateTimer);
    this.estimateTimer = setTimeout(() => void this.sendEstimate().catch((err: unknown) => reportError(this.ctx, err)), delayMs);
  }

  private async sendEstimate(): Promise<void> {
    const generation = ++this.estimateGeneration;
    const estimate = await estimateOf(this.document.uri.fsPath, this.document.getText(), (spec) => this.knownDeployments(spec));
    // A newer document has been estimated meanwhile: this answer is stale.
    if (generation === this.estimateGeneration) this.post({ type: 'estimate', estimate });
  }

  private knownDeployments(spec: ExperimentSpec): Promise<KnownDeployments> {
    const key = `${spec.function}|${spec.platforms.join(',')}`;
    const now = Date.now();
    if (!this.deployments || this.deployments.key !== key || now - this.deployments.at > DEPLOYMENTS_FRESH_MS) {
      this.deployments = { key, at: now, known: findDeployments(this.ctx.platformsFor(this.document.uri), spec.function, spec.platforms) };
    }
    return this.deployments.known;
  }

  private post(message: MessageToWebview): void {
    void this.controller.post(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.estimateTimer);
    clearTimeout(this.choicesTimer);
    for (const d of this.disposables) d.dispose();
  }
}
