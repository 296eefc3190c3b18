// This webview's typed side of the VS Code bridge.
import { poster } from '../shared/vscode-api';
import type { MessageToHost } from './protocol';

export { savedState, saveState } from '../shared/vscode-api';
export const post = poster<MessageToHost>();
