// Which files are experiment files, and a new one's text (no parse: activation uses them).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { FunctionSpec } from '../../core/model';

export const EXPERIMENT_GLOB = '**/*.experiment.json';
const EXPERIMENT_SUFFIX = '.experiment.json';

export function isExperimentFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && uri.fsPath.endsWith(EXPERIMENT_SUFFIX);
}

export function isExperimentPath(file: string): boolean {
  return file.endsWith(EXPERIMENT_SUFFIX);
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
