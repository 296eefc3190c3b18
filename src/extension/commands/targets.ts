import * as vscode from 'vscode';
import { resolveFunctionRef } from '../../core/functions/find';
import { UserError, type FunctionSpec, type PlatformId, type Provider } from '../../core/model';
import type { FaasLabContext } from '../context';
import { functionsInDocument } from '../functions';

/**
 * The handler a command acts on: the CodeLens's one (re-read from the saved file, so what is
 * deployed is what is on disk), or one picked from the active editor.
 */
export async function chooseFunction(ctx: FaasLabContext, fromLens?: FunctionSpec): Promise<FunctionSpec | undefined> {
  if (fromLens) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === fromLens.file);
    if (doc?.isDirty) await doc.save();
    return resolveFunctionRef(`${fromLens.file}:${fromLens.handler}`);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new UserError('Open a file with an annotated handler (// @faas above an exported function) first');
  if (editor.document.isDirty) await editor.document.save();
  const { functions } = functionsInDocument(editor.document);
  if (functions.length === 0) {
    throw new UserError(`No annotated handler in ${vscode.workspace.asRelativePath(editor.document.uri)}: add '// @faas' (or '# @faas') above the function`);
  }
  if (functions.length === 1) return functions[0];
  return ctx.ui.pick(
    functions.map((f) => ({ label: f.name, description: `${f.memoryMB} MB · ${f.platforms.join(', ')}`, value: f })),
    { title: 'FaaS Lab: which handler?' },
  );
}

/**
 * The platform to use for `spec`: the local platform is always offered (every handler can run
 * there), beside the platforms its annotation names that are available in this build.
 */
export async function choosePlatform(ctx: FaasLabContext, spec: FunctionSpec): Promise<Provider | undefined> {
  const registry = ctx.platformsFor(vscode.Uri.file(spec.file));
  const available = [...new Set<PlatformId>(['local', ...spec.platforms])].filter((id) => registry.has(id));
  if (available.length === 1) return registry.get(available[0]);
  const id = await ctx.ui.pick(
    available.map((p) => ({ label: registry.get(p).displayName, value: p })),
    { title: `FaaS Lab: where should ${spec.name} run?` },
  );
  return id && registry.get(id);
}
