import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { UserError } from '../core/model';
import type { CommandContext } from './commands/context';
import type { PickItem, UserInput } from './ui';

const RECENT_LIMIT = 10;
const recentKey = (fn: string) => `faasLab.recentPayloads.${fn}`;

type Choice = { kind: 'json'; text: string } | { kind: 'file'; file: string } | { kind: 'new' };

/**
 * Asks for a payload: recent ones for this function and saved `*.payload.json` files first,
 * then a JSON input box. Undefined when the user cancels.
 */
export async function askPayload(ctx: CommandContext, ui: UserInput, functionName: string, handlerFile: string): Promise<unknown> {
  const recent = ctx.state.get<string[]>(recentKey(functionName), []);
  const files = await ctx.workspace.findFiles('**/*.payload.json', 50);
  const items: PickItem<Choice>[] = [
    ...recent.map((text) => ({ label: text.length > 80 ? `${text.slice(0, 77)}…` : text, description: 'recent', value: { kind: 'json', text } as Choice })),
    ...files
      .sort((a, b) => nearness(a, handlerFile) - nearness(b, handlerFile))
      .map((file) => ({ label: path.basename(file), description: ctx.workspace.relativePath(file), value: { kind: 'file', file } as Choice })),
    { label: '$(edit) Enter JSON…', value: { kind: 'new' } },
  ];
  const choice = recent.length === 0 && files.length === 0 ? ({ kind: 'new' } as Choice) : await ui.pick(items, { title: `Payload for ${functionName}` });
  if (!choice) return undefined;
  let text: string | undefined;
  if (choice.kind === 'file') text = await readFile(choice.file, 'utf8');
  else text = await ui.input({ title: `Payload for ${functionName} (JSON)`, value: choice.kind === 'json' ? choice.text : recent[0] ?? '{}', validate: jsonProblem });
  if (text === undefined) return undefined;
  const problem = jsonProblem(text);
  if (problem) throw new UserError(choice.kind === 'file' ? `${ctx.workspace.relativePath(choice.file)}: ${problem}` : problem);
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

async function remember(ctx: CommandContext, fn: string, text: string): Promise<void> {
  const recent = ctx.state.get<string[]>(recentKey(fn), []).filter((t) => t !== text);
  await ctx.state.update(recentKey(fn), [text, ...recent].slice(0, RECENT_LIMIT));
}

/** Payload files beside the handler come first. */
function nearness(file: string, handlerFile: string): number {
  return path.relative(path.dirname(handlerFile), file).split(path.sep).length;
}
