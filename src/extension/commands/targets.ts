import { languageOf } from '../../core/annotations';
import { isNotebookFile } from '../../core/annotations/notebook';
import { functionsInFile, resolveFunctionRef } from '../../core/functions/find';
import { UserError, type FunctionSpec, type PlatformId, type Provider } from '../../core/model';
import type { UserInput } from '../ui';
import type { CommandContext } from './context';

/**
 * The handler a command acts on: the CodeLens's one (re-read from the saved file, so what is
 * deployed is what is on disk), or one picked from the active editor.
 */
export async function chooseFunction(ctx: CommandContext, ui: UserInput, fromLens?: FunctionSpec): Promise<FunctionSpec | undefined> {
  if (fromLens) {
    await ctx.workspace.save(fromLens.file);
    return resolveFunctionRef(`${fromLens.file}:${fromLens.handler}`);
  }
  const file = ctx.workspace.activeFile();
  if (!file) throw new UserError('Open a file with an annotated handler (// @faas above an exported function) first');
  await ctx.workspace.save(file);
  const functions = languageOf(file) || isNotebookFile(file) ? (await functionsInFile(file)).functions : [];
  if (functions.length === 0) {
    const how = isNotebookFile(file) ? "put '@cloud_function' (or '# @faas') above a def in a Python cell" : "add '// @faas' (or '# @faas') above the function";
    throw new UserError(`No annotated handler in ${ctx.workspace.relativePath(file)}: ${how}`);
  }
  if (functions.length === 1) return functions[0];
  return ui.pick(
    functions.map((f) => ({ label: f.name, description: `${f.memoryMB} MB · ${f.platforms.join(', ')}`, value: f })),
    { title: 'FaaS Lab: which handler?' },
  );
}

/**
 * The platform to use for `spec`: the local platform is always offered (every handler can run
 * there), beside the platforms its annotation names that are available in this build.
 */
export async function choosePlatform(ctx: CommandContext, ui: UserInput, spec: FunctionSpec): Promise<Provider | undefined> {
  const registry = ctx.platformsFor(spec.file);
  const available = [...new Set<PlatformId>(['local', ...spec.platforms])].filter((id) => registry.has(id));
  if (available.length === 1) return registry.get(available[0]);
  const id = await ui.pick(
    available.map((p) => ({ label: registry.get(p).displayName, value: p })),
    { title: `FaaS Lab: where should ${spec.name} run?` },
  );
  return id && registry.get(id);
}
