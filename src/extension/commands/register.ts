import * as vscode from 'vscode';
import { UserError } from '../../core/model';
import type { FaasLabContext } from '../context';
import type { CommandBody, CommandContext, ReportProgress } from './context';

/**
 * Registers a command with the error handling every FaaS Lab command shares: a user error is
 * shown as it is; anything else is shown briefly and logged whole to the output channel.
 */
export function registerCommand(ctx: FaasLabContext, id: string, run: (...args: never[]) => Promise<unknown>): void {
  ctx.extension.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...(args as never[]));
      } catch (err) {
        if (isAbort(err)) return undefined;
        reportError(ctx, err);
        return undefined;
      }
    }),
  );
}

/**
 * Registers each command by id; its body (`bodyOf`, loaded on the first call) is called with the
 * command context, the user input and VS Code's arguments.
 */
export function registerCommands<Id extends string>(ctx: FaasLabContext, commands: CommandContext, ids: readonly Id[], bodyOf: (id: Id) => CommandBody<never[]>): void {
  for (const id of ids) registerCommand(ctx, id, (...args) => bodyOf(id)(commands, ctx.ui, ...args));
}

export function reportError(ctx: FaasLabContext, err: unknown): void {
  if (err instanceof UserError) {
    ctx.output.appendLine(`Error: ${err.message}`);
    void vscode.window.showErrorMessage(err.message);
    return;
  }
  const e = err as Error;
  ctx.output.appendLine(`Unexpected error: ${e.stack ?? String(err)}`);
  void vscode.window.showErrorMessage(`FaaS Lab: ${e.message ?? String(err)} (details in the FaaS Lab output)`, 'Show Output').then((choice) => {
    if (choice) ctx.output.show(true);
  });
}

function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}

/** Runs `task` under a cancellable progress notification; cancel aborts its signal. */
export function withProgress<T>(title: string, task: (report: ReportProgress, signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return task((message, increment) => progress.report({ message, increment }), controller.signal);
    }),
  );
}
