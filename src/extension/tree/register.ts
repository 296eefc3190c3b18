import * as vscode from 'vscode';
import type { FaasLabContext } from '../context';
import { FunctionsTreeProvider } from './provider';

/** The Functions view; its commands are registered with the others (src/extension/commands). */
export function registerFunctionsTree(ctx: FaasLabContext): void {
  const tree = new FunctionsTreeProvider(ctx);
  const view = vscode.window.createTreeView('faasLab.functions', { treeDataProvider: tree, showCollapseAll: true });
  ctx.extension.subscriptions.push(view, ctx.onDidChangeDeployments(() => tree.refresh()));
}
