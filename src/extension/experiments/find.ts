// The experiment files of the workspace that target a handler (parses them: in the lazy bundle).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseExperiment } from '../../core/experiment/parse';
import type { ExperimentSpec } from '../../core/experiment/spec';
import type { FunctionSpec } from '../../core/model';
import type { WorkspaceFiles } from '../commands/context';
import { EXPERIMENT_GLOB } from './files';

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
