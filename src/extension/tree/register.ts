import * as vscode from 'vscode';
import { features } from '../bundles';
import type { FaasLabContext } from '../context';
import type { FunctionsTree } from './provider';
import type { TreeNode } from './nodes';

/** The Functions view; what it lists (tree/provider.ts, the platforms behind it) loads when it first lists. */
class FunctionsView implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private listing?: FunctionsTree;

  constructor(private readonly ctx: FaasLabContext) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  private tree(): FunctionsTree {
    this.listing ??= new (features().functionsTree().FunctionsTree)(this.ctx);
    return this.listing;
  }

  getTreeItem(node: TreeNode): Promise<vscode.TreeItem> {
    return this.tree().getTreeItem(node);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.tree().getChildren(node);
  }
}

/** The Functions view; its commands are registered with the others (src/extension/commands). */
export function registerFunctionsTree(ctx: FaasLabContext): void {
  const tree = new FunctionsView(ctx);
  const view = vscode.window.createTreeView('faasLab.functions', { treeDataProvider: tree, showCollapseAll: true });
  ctx.extension.subscriptions.push(view, ctx.onDidChangeDeployments(() => tree.refresh()));
}
