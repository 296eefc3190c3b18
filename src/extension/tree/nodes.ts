import * as vscode from 'vscode';
import type { Deployment, Provider, Readiness, ReadinessFix } from '../../core/model';

export type TreeNode = PlatformNode | FunctionNode | MessageNode;

export interface PlatformNode {
  kind: 'platform';
  provider: Provider;
  readiness: Readiness;
  rootUri?: vscode.Uri;
}

export interface FunctionNode {
  kind: 'function';
  provider: Provider;
  deployment: Deployment;
  rootUri?: vscode.Uri;
  /** Linked in the workspace (faas-lab link, Link Existing Endpoint…): Unlink forgets it. */
  linked?: boolean;
}

export interface MessageNode {
  kind: 'message';
  label: string;
  tooltip?: string;
  fix?: ReadinessFix;
  icon: string;
}

export function platformItem(node: PlatformNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.provider.displayName, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `platform:${node.provider.id}`;
  // `.http`: the platform whose node offers Link Existing Endpoint….
  item.contextValue = `${node.readiness.ready ? 'platform.ready' : 'platform.notReady'}.${node.provider.id}`;
  item.iconPath = new vscode.ThemeIcon(node.readiness.ready ? 'server-environment' : 'warning');
  item.description = node.readiness.ready ? node.readiness.detail : 'not set up';
  item.tooltip = node.readiness.ready ? node.readiness.detail : node.readiness.message;
  return item;
}

export function functionItem(node: FunctionNode, codeDiffers: boolean | undefined): vscode.TreeItem {
  const d = node.deployment;
  const item = new vscode.TreeItem(d.name, vscode.TreeItemCollapsibleState.None);
  item.id = `function:${node.provider.id}:${d.name}`;
  // `.http`: nothing to configure or delete; `.unmanaged`: changed only after a confirmation; `.linked`: Unlink.
  item.contextValue = `function.${node.provider.id}${d.sourceFile ? '.withSource' : ''}${node.provider.logs ? '.withLogs' : ''}${d.managed === false ? '.unmanaged' : ''}${node.linked ? '.linked' : ''}`;
  item.iconPath = new vscode.ThemeIcon(codeDiffers ? 'circle-filled' : 'symbol-function');
  const runtime = d.packaging?.startsWith('image') ? `${d.runtime} image` : d.runtime;
  const origin = node.linked ? ' · linked' : d.managed === false ? ' · not created by FaaS Lab' : '';
  item.description =
    d.platform === 'http' ? `${d.endpoint ?? ''}${origin}` : `${d.memoryMB} MB · ${runtime} · ${relativeTime(d.updatedAt)}${codeDiffers ? ' · code changed' : ''}${origin}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${d.name}** on ${node.provider.displayName}\n\n`);
  tooltip.appendMarkdown(`memory ${d.memoryMB} MB · timeout ${d.timeoutS} s · ${runtime}\n\n`);
  if (d.packaging?.startsWith('image:') && d.endpoint) tooltip.appendMarkdown(`container image tag \`${d.packaging.slice('image:'.length)}\`\n\n`);
  tooltip.appendMarkdown(`last deployed ${new Date(d.updatedAt).toLocaleString()} · code \`${d.codeHash.slice(0, 12)}\`\n\n`);
  if (d.sourceFile) tooltip.appendMarkdown(`source: ${vscode.workspace.asRelativePath(d.sourceFile)}${d.handler ? ` (${d.handler})` : ''}\n\n`);
  if (d.managed === false) tooltip.appendMarkdown(`${node.linked ? 'linked' : 'found on the platform'}${d.endpoint ? ` (\`${d.endpoint}\`)` : ''}: FaaS Lab invokes it and runs experiments on it, and asks before it changes or deletes it\n\n`);
  if (codeDiffers) tooltip.appendMarkdown('**The workspace code differs from the deployed code**: deploy to update it.');
  item.tooltip = tooltip;
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.tooltip = node.tooltip ?? node.label;
  item.contextValue = 'message';
  if (node.fix) item.command = { title: node.fix.label, command: 'faasLab.applyFix', arguments: [node.fix] };
  return item;
}

export function relativeTime(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return 'unknown';
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
