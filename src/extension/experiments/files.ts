import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseExperiment, type ExperimentSpec } from '../../core/experiment';
import type { FunctionSpec } from '../../core/model';

export const EXPERIMENT_GLOB = '**/*.experiment.json';

export function isExperimentFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.fsPath.endsWith('.experiment.json');
}

/** Experiment files in the workspace whose target is `spec` (same function, same source file when given). */
export async function experimentsFor(spec: FunctionSpec): Promise<Array<{ uri: vscode.Uri; experiment: ExperimentSpec }>> {
  const uris = await vscode.workspace.findFiles(EXPERIMENT_GLOB, '**/node_modules/**', 200);
  const found: Array<{ uri: vscode.Uri; experiment: ExperimentSpec }> = [];
  for (const uri of uris) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const { spec: experiment } = parseExperiment(uri.fsPath, text);
    if (!experiment || experiment.function !== spec.name) continue;
    if (experiment.source && path.resolve(path.dirname(uri.fsPath), experiment.source) !== spec.file) continue;
    found.push({ uri, experiment });
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
