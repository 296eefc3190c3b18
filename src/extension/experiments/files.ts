import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { parseExperiment } from '../../core/experiment/parse';
import type { ExperimentSpec } from '../../core/experiment/spec';
import type { FunctionSpec } from '../../core/model';
import type { WorkspaceFiles } from '../commands/context';

export const EXPERIMENT_GLOB = '**/*.experiment.json';
const EXPERIMENT_SUFFIX = '.experiment.json';

export function isExperimentFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.fsPath.endsWith(EXPERIMENT_SUFFIX);
}

export function isExperimentPath(file: string): boolean {
  return file.endsWith(EXPERIMENT_SUFFIX);
}

/** Experiment files in the workspace whose target is `spec` (same function, same source file when given). */
export async function experimentsFor(workspace: WorkspaceFiles, spec: FunctionSpec): Promise<Array<{ file: string; experiment: ExperimentSpec }>> {
  const found: Array<{ file: string; experiment: ExperimentSpec }> = [];
  for (const file of await workspace.findFiles(EXPERIMENT_GLOB, 200)) {
    const { spec: experiment } = parseExperiment(file, await readFile(file, 'utf8'));
    if (!experiment || experiment.function !== spec.name) continue;
    if (experiment.source && path.resolve(path.dirname(file), experiment.source) !== spec.file) continue;
    found.push({ file, experiment });
  }
  return found;
}

/** A starting experiment for a handler: a small memory sweep on the platforms it names. */
export function newExperimentText(spec: FunctionSpec, experimentFile: string): string {
  const doc = {
    experimentName: `${spec.name}-memory-sweep`,
    function: spec.name,
    source: path.relative(path.dirname(experimentFile), spec.file).split(path.sep).join('/'),
    platform: spec.platforms.includes('local') ? 'local' : spec.platforms[0],
    payloads: [{}],
    memorySettings: [spec.memoryMB, spec.memoryMB * 2],
    runs: 20,
    threads: 2,
    iterations: 3,
    warmupBuffer: 1,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
