// The webview side of the VS Code bridge, typed with this webview's protocol.
import type { MessageToHost } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per page.
const api = acquireVsCodeApi();

export function post(message: MessageToHost): void {
  api.postMessage(message);
}

/** The saved state as it is: the caller validates it. */
export function savedState(): unknown {
  return api.getState();
}

export function saveState(state: unknown): void {
  api.setState(state);
}
