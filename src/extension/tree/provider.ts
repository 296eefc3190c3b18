import * as vscode from 'vscode';
import type { FaasLabContext } from '../context';
import { functionItem, messageItem, platformItem, type FunctionNode, type TreeNode } from './nodes';
import { workspaceCodeDiffers } from './staleness';

/** Platforms and the functions each reports, asked of the providers on every refresh. */
export class FunctionsTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly ctx: FaasLabContext) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getTreeItem(node: TreeNode): Promise<vscode.TreeItem> {
    switch (node.kind) {
      case 'platform':
        return platformItem(node);
      case 'function':
        return functionItem(node, await workspaceCodeDiffers(node.provider, node.deployment));
      case 'message':
        return messageItem(node);
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const rootUri = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!node) {
      const providers = this.ctx.platformsFor(rootUri).all();
      return Promise.all(providers.map(async (provider) => ({ kind: 'platform' as const, provider, readiness: await provider.readiness(), rootUri })));
    }
    if (node.kind !== 'platform') return [];
    if (!node.readiness.ready) {
      return [
        { kind: 'message', label: node.readiness.message, icon: 'info' },
        ...node.readiness.fixes.map((fix) => ({ kind: 'message' as const, label: fix.label, icon: 'tools', fix })),
      ];
    }
    try {
      const deployments = await node.provider.list();
      if (deployments.length === 0) {
        return [{ kind: 'message', label: 'No functions deployed: use Deploy above an annotated handler', icon: 'info' }];
      }
      return deployments
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((deployment): FunctionNode => ({ kind: 'function', provider: node.provider, deployment, rootUri }));
    } catch (err) {
      return [{ kind: 'message', label: `Could not list functions: ${(err as Error).message}`, icon: 'error' }];
    }
  }
}
