// The VS Code side of a command's context: the editor's progress notifications, output channel,
// workspace files and state behind the plain interfaces command bodies use.
import * as vscode from 'vscode';
import type { FaasLabContext } from '../context';
import { NOTEBOOK_CELL_SCHEME } from '../notebooks/open';
import type { CommandContext } from './context';
import { withProgress } from './register';

export function hostCommandContext(ctx: FaasLabContext, openResults: CommandContext['openResults']): CommandContext {
  const uriOf = (file?: string) => (file === undefined ? undefined : vscode.Uri.file(file));
  // A notebook cell's document has the notebook's fsPath too: only file documents and notebooks are saved.
  const openDocument = (file: string) =>
    vscode.workspace.notebookDocuments.find((n) => n.uri.scheme === 'file' && n.uri.fsPath === file) ??
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  return {
    output: ctx.output,
    platformsFor: (file) => ctx.platformsFor(uriOf(file)),
    rootFor: (file) => ctx.rootFor(uriOf(file)),
    fireDeploymentsChanged: () => ctx.fireDeploymentsChanged(),
    state: ctx.extension.workspaceState,
    workspace: {
      findFiles: async (glob, limit) => (await vscode.workspace.findFiles(glob, '**/node_modules/**', limit)).map((u) => u.fsPath),
      relativePath: (file) => vscode.workspace.asRelativePath(file),
      activeFile: () => {
        // In the notebook editor the active text editor is a cell: the file is the notebook.
        const text = vscode.window.activeTextEditor?.document.uri;
        const uri = !text || text.scheme === NOTEBOOK_CELL_SCHEME ? vscode.window.activeNotebookEditor?.notebook.uri : text;
        return uri?.scheme === 'file' ? uri.fsPath : undefined;
      },
      save: async (file) => {
        const doc = openDocument(file);
        if (doc?.isDirty) await doc.save();
      },
      openFile: async (file) => {
        await vscode.window.showTextDocument(vscode.Uri.file(file));
      },
    },
    withProgress,
    openResults,
    executeCommand: (id, ...args) => Promise.resolve(vscode.commands.executeCommand(id, ...args)),
    openExternal: async (url) => {
      await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
}
