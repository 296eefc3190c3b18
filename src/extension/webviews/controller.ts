// The host side of every FaaS Lab webview panel: writes its page, and for each message it receives
// checks it against the webview's protocol (a refused one is logged, never acted on), hands it to the
// panel's handler (whose errors are reported), and posts the panel's answers until it is disposed.
import type * as vscode from 'vscode';
import { renderWebviewHtml, webviewOptions, type WebviewPage } from './html';

export interface WebviewControllerOptions<ToHost> {
  /** The panel in the user's words, for the log: "Results explorer". */
  name: string;
  page: WebviewPage;
  isMessage: (x: unknown) => x is ToHost;
  handle: (message: ToHost) => Promise<void> | void;
  log: (line: string) => void;
  report: (err: unknown) => void;
}

type Webview = Pick<vscode.Webview, 'options' | 'html' | 'cspSource' | 'asWebviewUri' | 'onDidReceiveMessage' | 'postMessage'>;

export class WebviewController<ToHost, ToWebview> {
  private disposed = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: Webview,
    extensionUri: vscode.Uri,
    private readonly options: WebviewControllerOptions<ToHost>,
  ) {
    webview.options = webviewOptions(extensionUri);
    webview.html = renderWebviewHtml(webview, extensionUri, options.page);
    this.subscription = webview.onDidReceiveMessage((message: unknown) => this.receive(message));
  }

  private receive(message: unknown): void {
    if (this.disposed) return;
    if (!this.options.isMessage(message)) {
      this.options.log(`${this.options.name}: ignored a message that is not part of its protocol: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    void (async () => this.options.handle(message))().catch((err: unknown) => this.options.report(err));
  }

  /** False when the panel is gone, or its page hidden (a hidden webview drops messages; it asks again when shown). */
  async post(message: ToWebview): Promise<boolean> {
    if (this.disposed) return false;
    return this.webview.postMessage(message);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
  }
}
