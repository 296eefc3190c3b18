// Which experiment file a command is about: the one it was given, the active editor's, the
// handler's own (created when it has none), or one picked from the workspace.
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { UserError, type FunctionSpec } from '../../core/model';
import { filePathOf, type CommandContext } from '../commands/context';
import type { UserInput } from '../ui';
import { EXPERIMENT_GLOB, isExperimentPath, newExperimentText } from './files';
import { experimentsFor } from './find';

/** The experiment of a handler: its only one, a pick among several, or a new one next to it (opened to edit; undefined then). */
export async function experimentForHandler(ctx: CommandContext, ui: UserInput, spec: FunctionSpec): Promise<string | undefined> {
  const found = await experimentsFor(ctx.workspace, spec);
  if (found.length === 1) return found[0].file;
  if (found.length > 1) {
    return ui.pick(
      found.map((f) => ({ label: f.experiment.experimentName, description: ctx.workspace.relativePath(f.file), value: f.file })),
      { title: `Experiments of ${spec.name}` },
    );
  }
  const file = path.join(path.dirname(spec.file), `${spec.name}.experiment.json`);
  await writeFile(file, newExperimentText(spec, file));
  ctx.output.appendLine(`Created ${ctx.workspace.relativePath(file)}: edit it, then run it from its CodeLens`);
  await ctx.workspace.openFile(file);
  return undefined;
}

export async function pickExperimentFile(ctx: CommandContext, ui: UserInput): Promise<string | undefined> {
  const active = ctx.workspace.activeFile();
  if (active && isExperimentPath(active)) return active;
  const files = await ctx.workspace.findFiles(EXPERIMENT_GLOB, 200);
  if (files.length === 0) throw new UserError('No *.experiment.json in this workspace: use "Experiment" above a handler to create one');
  return ui.pick(
    files.map((f) => ({ label: path.basename(f), description: ctx.workspace.relativePath(f), value: f })),
    { title: 'Run which experiment?' },
  );
}

/** A command's target: an experiment file's Uri, a handler (its experiment), or asked. */
export async function experimentFileOf(ctx: CommandContext, ui: UserInput, target: unknown): Promise<string | undefined> {
  const file = filePathOf(target);
  if (file) return file;
  if (isFunctionSpec(target)) return experimentForHandler(ctx, ui, target);
  return pickExperimentFile(ctx, ui);
}

function isFunctionSpec(value: unknown): value is FunctionSpec {
  return typeof value === 'object' && value !== null && typeof (value as FunctionSpec).handler === 'string' && typeof (value as FunctionSpec).file === 'string';
}
