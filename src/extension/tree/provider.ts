import * as vscode from 'vscode';
import { LinkStore, linksFileOf } from '../../providers/shared/links';
import type { FaasLabContext } from '../context';
import { functionItem, messageItem, platformItem, type FunctionNode, type TreeNode } from './nodes';
import { workspaceCodeDiffers } from './staleness';

/**
 * Platforms and the functions each reports, asked of the providers on every refresh (the view and
 * its refresh event are tree/register.ts's, in extension.js; this loads when the view first lists).
 */
export class FunctionsTree implements Pick<vscode.TreeDataProvider<TreeNode>, 'getTreeItem' | 'getChildren'> {
  constructor(private readonly ctx: FaasLabContext) {}

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
        const label = node.provider.id === 'http' ? 'No linked endpoints: use Link Existing Endpoint… on this node' : 'No functions deployed: use Deploy above an annotated handler';
        return [{ kind: 'message', label, icon: 'info' }];
      }
      const links = new LinkStore(linksFileOf(this.ctx.rootFor(rootUri))).all().filter((l) => l.platform === node.provider.id);
      return deployments
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((deployment): FunctionNode => ({ kind: 'function', provider: node.provider, deployment, rootUri, linked: links.some((l) => l.name === deployment.name) }));
    } catch (err) {
      return [{ kind: 'message', label: `Could not list functions: ${(err as Error).message}`, icon: 'error' }];
    }
  }
}
