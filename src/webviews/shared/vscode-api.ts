// The webview side of the VS Code bridge for every webview: posts typed with the webview's own
// protocol, and its saved state (validated by the caller).

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** acquireVsCodeApi may be called only once per page: every caller shares the one handle. */
function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

/** A poster typed with the webview's host-bound messages. */
export function poster<M>(): (message: M) => void {
  return (message) => vscodeApi().postMessage(message);
}

/** The saved state as it is: the caller validates it. */
export function savedState(): unknown {
  return vscodeApi().getState();
}

export function saveState(state: unknown): void {
  vscodeApi().setState(state);
}
