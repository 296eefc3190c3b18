import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BadInputError } from '../bad-input';
import type { Problem } from '../model';
import { parseExperiment, type ParseResult } from './parse';
import type { ExperimentSpec } from './spec';

export interface LoadedExperiment {
  file: string;
  spec: ExperimentSpec;
  /** Warnings (the spec is valid). */
  warnings: Problem[];
  /** Absolute path of `source`, when the experiment names its handler file. */
  sourceFile?: string;
}

/** Reads and validates an experiment file; an invalid one is refused with every error positioned. */
export async function loadExperiment(file: string, format: (p: Problem) => string): Promise<LoadedExperiment> {
  const abs = path.resolve(file);
  const text = await readInputFile(abs, `Cannot read experiment file ${file}: check the path`);
  return loadedOrThrow(file, abs, parseExperiment(abs, text), format);
}

export async function readInputFile(abs: string, message: string): Promise<string> {
  try {
    return await fs.readFile(abs, 'utf8');
  } catch {
    throw new BadInputError(message);
  }
}

/** The parse result as a LoadedExperiment, or an InvalidExperimentError listing every error. */
export function loadedOrThrow(file: string, abs: string, { spec, problems }: ParseResult, format: (p: Problem) => string): LoadedExperiment {
  const errors = problems.filter((p) => p.severity === 'error');
  if (!spec || errors.length > 0) {
    throw new InvalidExperimentError(`${file} is not a valid experiment; nothing was run:\n${errors.map((p) => `  ${format(p)}`).join('\n')}`, errors);
  }
  return {
    file: abs,
    spec,
    warnings: problems.filter((p) => p.severity === 'warning'),
    sourceFile: spec.source ? path.resolve(path.dirname(abs), spec.source) : undefined,
  };
}

export class InvalidExperimentError extends BadInputError {
  constructor(message: string, readonly problems: Problem[]) {
    super(message);
  }
}
