import * as vscode from 'vscode';
import { resolveFunctionRef } from '../../core/functions/find';
import { UserError, type ReadinessFix } from '../../core/model';
import { writeInvocation } from '../commands/invoke';
import { registerCommand, withProgress } from '../commands/register';
import type { FaasLabContext } from '../context';
import { askPayload } from '../payloads';
import type { FunctionNode } from './nodes';
import { FunctionsTreeProvider } from './provider';

const MEMORY_CHOICES = [128, 256, 512, 1024, 1536, 2048, 3008, 4096, 10240];

export function registerFunctionsTree(ctx: FaasLabContext): void {
  const tree = new FunctionsTreeProvider(ctx);
  const view = vscode.window.createTreeView('faasLab.functions', { treeDataProvider: tree, showCollapseAll: true });
  ctx.extension.subscriptions.push(view, ctx.onDidChangeDeployments(() => tree.refresh()));

  registerCommand(ctx, 'faasLab.refreshFunctions', async () => tree.refresh());

  registerCommand(ctx, 'faasLab.applyFix', async (fix: ReadinessFix) => {
    if (fix.kind === 'setting') await vscode.commands.executeCommand('workbench.action.openSettings', fix.setting);
    else if (fix.kind === 'url') await vscode.env.openExternal(vscode.Uri.parse(fix.url));
    else await vscode.commands.executeCommand(fix.command);
  });

  registerCommand(ctx, 'faasLab.function.invoke', async (node: FunctionNode) => {
    const payload = await askPayload(ctx, node.deployment.name, node.deployment.sourceFile ?? '');
    if (payload === undefined) return;
    const inv = await withProgress(`FaaS Lab: invoking ${node.deployment.name}`, (_r, signal) => node.provider.invoke(node.deployment, payload, { signal }));
    writeInvocation(ctx, node.deployment.name, inv);
  });

  registerCommand(ctx, 'faasLab.function.changeMemory', async (node: FunctionNode) => {
    const current = node.deployment.memoryMB;
    const picked = await ctx.ui.pick(
      [...MEMORY_CHOICES.map((mb) => ({ label: `${mb} MB`, description: mb === current ? 'current' : undefined, value: mb })), { label: 'Other…', value: -1 }],
      { title: `Memory for ${node.deployment.name}` },
    );
    if (picked === undefined) return;
    const memoryMB = picked === -1 ? await askNumber(ctx, 'Memory (MB, 128 to 10240)', current, 128, 10240) : picked;
    if (memoryMB === undefined || memoryMB === current) return;
    await withProgress(`FaaS Lab: ${node.deployment.name} → ${memoryMB} MB`, (_r, signal) => node.provider.configure(node.deployment, { memoryMB }, signal));
    ctx.output.appendLine(`${node.deployment.name} on ${node.provider.displayName}: memory ${current} → ${memoryMB} MB`);
    ctx.fireDeploymentsChanged();
  });

  registerCommand(ctx, 'faasLab.function.changeTimeout', async (node: FunctionNode) => {
    const current = node.deployment.timeoutS;
    const timeoutS = await askNumber(ctx, 'Timeout (seconds, 1 to 900)', current, 1, 900);
    if (timeoutS === undefined || timeoutS === current) return;
    await withProgress(`FaaS Lab: ${node.deployment.name} timeout → ${timeoutS} s`, (_r, signal) => node.provider.configure(node.deployment, { timeoutS }, signal));
    ctx.output.appendLine(`${node.deployment.name} on ${node.provider.displayName}: timeout ${current} → ${timeoutS} s`);
    ctx.fireDeploymentsChanged();
  });

  registerCommand(ctx, 'faasLab.function.showLogs', async (node: FunctionNode) => {
    if (!node.provider.logs) throw new UserError(`${node.provider.displayName} keeps no logs FaaS Lab can read`);
    const entries = await node.provider.logs(node.deployment, { limit: 200 });
    ctx.output.appendLine(`── logs of ${node.deployment.name} on ${node.provider.displayName} (last ${entries.length})`);
    for (const e of entries) ctx.output.appendLine(`${e.time}  ${e.message}`);
    ctx.output.show(true);
  });

  registerCommand(ctx, 'faasLab.function.openSource', async (node: FunctionNode) => {
    if (!node.deployment.sourceFile) throw new UserError(`FaaS Lab does not know where ${node.deployment.name}'s code came from`);
    await vscode.window.showTextDocument(vscode.Uri.file(node.deployment.sourceFile));
  });

  registerCommand(ctx, 'faasLab.function.runExperiment', async (node: FunctionNode) => {
    const d = node.deployment;
    if (!d.sourceFile || !d.handler) throw new UserError(`FaaS Lab does not know where ${d.name}'s code came from: run one of its *.experiment.json files instead`);
    const spec = await resolveFunctionRef(`${d.sourceFile}:${d.handler}`);
    await vscode.commands.executeCommand('faasLab.runExperiment', spec);
  });

  registerCommand(ctx, 'faasLab.function.delete', async (node: FunctionNode) => {
    const ok = await ctx.ui.confirm(`Delete ${node.deployment.name} from ${node.provider.displayName}? Its instances are stopped and its code removed.`, 'Delete');
    if (!ok) return;
    await withProgress(`FaaS Lab: deleting ${node.deployment.name}`, (_r, signal) => node.provider.remove(node.deployment, signal));
    ctx.output.appendLine(`Deleted ${node.deployment.name} from ${node.provider.displayName}`);
    ctx.fireDeploymentsChanged();
  });
}

async function askNumber(ctx: FaasLabContext, title: string, value: number, min: number, max: number): Promise<number | undefined> {
  const text = await ctx.ui.input({
    title,
    value: String(value),
    validate: (t) => (/^\d+$/.test(t.trim()) && +t >= min && +t <= max ? undefined : `Enter a whole number from ${min} to ${max}`),
  });
  return text === undefined ? undefined : Number(text.trim());
}
