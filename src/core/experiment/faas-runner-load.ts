// An experiment as FaaS Runner's command line gives it: an experiment file, optionally a function
// file (-f) that names the function, platform, handler file and endpoint, and overrides of their
// keys (--runs 10). The experiment file is changed only in memory: its text is edited where the
// overridden keys are, so every other problem still points at the right place in the file.
import { applyEdits, modify } from 'jsonc-parser';
import * as path from 'node:path';
import type { Problem } from '../model';
import { callSettingsOf, readFunctionFile } from './function-file';
import { FAAS_RUNNER_REPORT_KEYS } from './keys';
import { loadedOrThrow, readInputFile, type LoadedExperiment } from './load';
import { parseExperimentWith, type ParseFallbacks } from './parse';

export interface FaasRunnerLoadOptions {
  experimentFile: string;
  functionFile?: string;
  experimentOverrides?: Readonly<Record<string, unknown>>;
  functionOverrides?: Readonly<Record<string, string>>;
}

export async function loadFaasRunnerExperiment(options: FaasRunnerLoadOptions, format: (p: Problem) => string): Promise<LoadedExperiment> {
  const abs = path.resolve(options.experimentFile);
  let text = await readInputFile(abs, `Cannot read experiment file ${options.experimentFile}: check the path`);
  let fallbacks: ParseFallbacks = {};
  const problems: Problem[] = [];
  text = withOverrides(text, options.experimentOverrides ?? {});
  if (options.functionFile !== undefined) {
    const fnAbs = path.resolve(options.functionFile);
    const fnText = await readInputFile(fnAbs, `Cannot read function file ${options.functionFile}: check the path (FaaS Runner's -f names a file like functions/hello.json)`);
    const fn = readFunctionFile(fnAbs, fnText, options.functionOverrides, callSettingsOf(text));
    fallbacks = fn.fallbacks;
    problems.push(...fn.problems);
  } else {
    // Without a function file, FaaS Runner's --function / --platform / ... overrides go to the experiment.
    text = withOverrides(text, options.functionOverrides ?? {});
  }
  const parsed = parseExperimentWith(abs, text, fallbacks);
  // Report keys only shape the exported report, long after the run: the run keeps them.
  const reportKeyOverrides = Object.fromEntries(
    Object.entries(options.experimentOverrides ?? {}).filter(([key]) => (FAAS_RUNNER_REPORT_KEYS as readonly string[]).includes(key)),
  );
  if (parsed.spec && Object.keys(reportKeyOverrides).length > 0) parsed.spec.reportKeyOverrides = reportKeyOverrides;
  return loadedOrThrow(options.experimentFile, abs, { spec: parsed.spec, problems: [...problems, ...parsed.problems] }, format);
}

function withOverrides(text: string, overrides: Readonly<Record<string, unknown>>): string {
  let out = text;
  for (const [key, value] of Object.entries(overrides)) out = applyEdits(out, modify(out, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 4 } }));
  return out;
}
