// Import of FaaS Runner (SAAF) experiments: its experiment file is read as it is (its run keys
// mean the same here; its report keys are kept for `faas-lab export --format faas-runner`), and
// its function file (`{"function", "platform", "source", "endpoint"}`) supplies the function
// name, platform, handler file and endpoint.
import type { Problem } from '../model';
import { callSettingsOf, readFunctionFile } from './function-file';
import { parseExperimentWith } from './parse';
import { EXPERIMENT_DEFAULTS as D, type ExperimentSpec } from './spec';

export interface FaasRunnerImport {
  spec?: ExperimentSpec;
  /** The same experiment as a FaaS Lab *.experiment.json document (defaults left out). */
  document?: Record<string, unknown>;
  problems: Problem[];
}

export function importFaasRunner(
  experimentText: string,
  functionText?: string,
  files: { experimentFile?: string; functionFile?: string } = {},
): FaasRunnerImport {
  const fn = functionText !== undefined ? readFunctionFile(files.functionFile ?? 'function.json', functionText, {}, callSettingsOf(experimentText)) : { fallbacks: {}, problems: [] };
  const exp = parseExperimentWith(files.experimentFile ?? 'experiment.json', experimentText, fn.fallbacks);
  const problems = [...fn.problems, ...exp.problems];
  if (!exp.spec || fn.problems.some((p) => p.severity === 'error')) return { problems };
  return { spec: exp.spec, document: toExperimentDocument(exp.spec), problems };
}

/** A spec as the *.experiment.json a user would write: FaaS Lab keys only, defaults left out. */
export function toExperimentDocument(spec: ExperimentSpec): Record<string, unknown> {
  const doc: Record<string, unknown> = { experimentName: spec.experimentName, function: spec.function };
  if (spec.source !== undefined) doc.source = spec.source;
  if (spec.endpoint !== undefined) doc.endpoint = spec.endpoint;
  if (spec.platforms.length === 1) doc.platform = spec.platforms[0];
  else doc.platforms = spec.platforms;
  if (spec.mode !== D.mode) doc.mode = spec.mode;
  if (spec.mode === 'open' && spec.rate) doc.rate = spec.rate;
  if (spec.mode !== 'closed' && spec.maxInFlight !== D.maxInFlight) doc.maxInFlight = spec.maxInFlight;
  doc.runs = spec.runs;
  if (spec.mode === 'closed') doc.threads = spec.threads;
  doc.iterations = spec.iterations;
  if (spec.sleepTime !== D.sleepTime) doc.sleepTime = spec.sleepTime;
  if (spec.warmupBuffer !== D.warmupBuffer) doc.warmupBuffer = spec.warmupBuffer;
  doc.memorySettings = spec.memorySettings;
  if (Object.keys(spec.parentPayload).length > 0) doc.parentPayload = spec.parentPayload;
  doc.payloads = spec.payloads;
  if (spec.shufflePayloads !== D.shufflePayloads) doc.shufflePayloads = spec.shufflePayloads;
  doc.randomSeed = spec.randomSeed;
  if (spec.coldStart !== D.coldStart) doc.coldStart = spec.coldStart;
  if (spec.timeoutS !== undefined) doc.timeoutS = spec.timeoutS;
  if (JSON.stringify(spec.retry) !== JSON.stringify(D.retry)) doc.retry = spec.retry;
  if (spec.budgetUSD !== undefined) doc.budgetUSD = spec.budgetUSD;
  if (spec.expectedDurationMs !== undefined) doc.expectedDurationMs = spec.expectedDurationMs;
  if (spec.keepGoingOnError !== D.keepGoingOnError) doc.keepGoingOnError = spec.keepGoingOnError;
  return doc;
}
