import * as path from 'node:path';
import * as vscode from 'vscode';
import { UserError } from '../core/model';
import type { FaasLabContext } from './context';
import type { PickItem } from './ui';

const RECENT_LIMIT = 10;
const recentKey = (fn: string) => `faasLab.recentPayloads.${fn}`;

type Choice = { kind: 'json'; text: string } | { kind: 'file'; uri: vscode.Uri } | { kind: 'new' };

/**
 * Asks for a payload: recent ones for this function and saved `*.payload.json` files first,
 * then a JSON input box. Undefined when the user cancels.
 */
export async function askPayload(ctx: FaasLabContext, functionName: string, handlerFile: string): Promise<unknown> {
  const recent = ctx.extension.workspaceState.get<string[]>(recentKey(functionName), []);
  const files = await vscode.workspace.findFiles('**/*.payload.json', '**/node_modules/**', 50);
  const items: PickItem<Choice>[] = [
    ...recent.map((text) => ({ label: text.length > 80 ? `${text.slice(0, 77)}…` : text, description: 'recent', value: { kind: 'json', text } as Choice })),
    ...files
      .sort((a, b) => nearness(a, handlerFile) - nearness(b, handlerFile))
      .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), value: { kind: 'file', uri } as Choice })),
    { label: '$(edit) Enter JSON…', value: { kind: 'new' } },
  ];
  const choice = recent.length === 0 && files.length === 0 ? ({ kind: 'new' } as Choice) : await ctx.ui.pick(items, { title: `Payload for ${functionName}` });
  if (!choice) return undefined;
  let text: string | undefined;
  if (choice.kind === 'file') text = Buffer.from(await vscode.workspace.fs.readFile(choice.uri)).toString('utf8');
  else text = await ctx.ui.input({ title: `Payload for ${functionName} (JSON)`, value: choice.kind === 'json' ? choice.text : recent[0] ?? '{}', validate: jsonProblem });
  if (text === undefined) return undefined;
  const problem = jsonProblem(text);
  if (problem) throw new UserError(choice.kind === 'file' ? `${vscode.workspace.asRelativePath(choice.uri)}: ${problem}` : problem);
  await remember(ctx, functionName, JSON.stringify(JSON.parse(text)));
  return JSON.parse(text);
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}. Example: {"name": "Ada"}`;
  }
}

async function remember(ctx: FaasLabContext, fn: string, text: string): Promise<void> {
  const recent = ctx.extension.workspaceState.get<string[]>(recentKey(fn), []).filter((t) => t !== text);
  await ctx.extension.workspaceState.update(recentKey(fn), [text, ...recent].slice(0, RECENT_LIMIT));
}

/** Payload files beside the handler come first. */
function nearness(uri: vscode.Uri, handlerFile: string): number {
  return path.relative(path.dirname(handlerFile), uri.fsPath).split(path.sep).length;
}
