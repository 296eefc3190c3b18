// Just enough of vscode.Uri and vscode.Webview for the HTML helper, which uses only these members:
// how a real webview maps files to URLs is VS Code's business; here, onto a loopback server.
import type * as vscode from 'vscode';

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}

  with(change: { path?: string }): FakeUri {
    return new FakeUri(this.scheme, change.path ?? this.path);
  }

  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export function extensionUri(root: string): vscode.Uri {
  return new FakeUri('file', root) as unknown as vscode.Uri;
}

/** A webview whose resources are served from `origin`, paths relative to `root`. */
export function fakeWebview(origin: string, root: string): Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'> {
  return {
    cspSource: origin,
    asWebviewUri: (uri: vscode.Uri) => ({ toString: () => `${origin}${uri.path.slice(root.length)}` }) as unknown as vscode.Uri,
  };
}
