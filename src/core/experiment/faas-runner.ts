// Import of FaaS Runner (SAAF) experiments: its experiment file is read as it is (its run keys
// mean the same here; its report keys are ignored with a note), and its function file
// (`{"function", "platform", "source", "endpoint"}`) supplies the function name and platform.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { LineMap } from '../text/line-map';
import { ProblemSink } from '../text/problem-sink';
import type { PlatformId, Problem } from '../model';
import { JsonChecker, describe } from './json-check';
import { parseExperimentWith, type ParseFallbacks } from './parse';
import { EXPERIMENT_DEFAULTS as D, type ExperimentSpec } from './spec';

export interface FaasRunnerImport {
  spec?: ExperimentSpec;
  /** The same experiment as a FaaS Lab *.experiment.json document (defaults left out). */
  document?: Record<string, unknown>;
  problems: Problem[];
}

/** FaaS Runner's platform names (function files) -> FaaS Lab platform ids. */
const FAAS_RUNNER_PLATFORMS: Record<string, PlatformId> = {
  'AWS Lambda': 'aws',
  Google: 'gcp',
  Azure: 'azure',
};

export function importFaasRunner(
  experimentText: string,
  functionText?: string,
  files: { experimentFile?: string; functionFile?: string } = {},
): FaasRunnerImport {
  const fn = functionText !== undefined ? readFunctionFile(files.functionFile ?? 'function.json', functionText) : { fallbacks: {}, problems: [] };
  const exp = parseExperimentWith(files.experimentFile ?? 'experiment.json', experimentText, fn.fallbacks);
  const problems = [...fn.problems, ...exp.problems];
  if (!exp.spec || fn.problems.some((p) => p.severity === 'error')) return { problems };
  return { spec: exp.spec, document: toExperimentDocument(exp.spec), problems };
}

function readFunctionFile(file: string, text: string): { fallbacks: ParseFallbacks; problems: Problem[] } {
  const sink = new ProblemSink(file, new LineMap(text));
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true });
  for (const e of errors) sink.error(e.offset, e.offset + Math.max(1, e.length), 'JSON syntax error in the FaaS Runner function file');
  if (errors.length > 0 || !root) {
    if (!root && errors.length === 0) sink.error(0, 0, 'The function file is empty: FaaS Runner function files look like {"function": "hello", "platform": "AWS Lambda"}');
    return { fallbacks: {}, problems: sink.problems };
  }
  const check = new JsonChecker(sink);
  if (root.type !== 'object') {
    check.error(root, `A FaaS Runner function file is a JSON object, found ${describe(root)}`);
    return { fallbacks: {}, problems: sink.problems };
  }
  const props = check.properties(root, '');
  const fallbacks: ParseFallbacks = {};
  const fnNode = props.get('function')?.value;
  if (!fnNode) sink.error(root.offset, root.offset + 1, 'function: missing; FaaS Runner function files name the deployed function, e.g. "function": "hello"');
  else {
    const fn = check.string(fnNode, 'function', 'the deployed function name');
    if (fn !== undefined) fallbacks.function = fn;
  }
  const platformNode = props.get('platform')?.value;
  if (platformNode) {
    const platform = readFaasRunnerPlatform(check, platformNode);
    if (platform) fallbacks.platforms = [platform];
  }
  for (const [key, { key: keyNode, value }] of props) {
    if (key === 'function' || key === 'platform') continue;
    if (key === 'source') {
      if (value.type === 'string' && value.value !== '' && value.value !== '.') {
        check.warning(keyNode, 'source: a SAAF project folder for FaaS Runner\'s publish script; FaaS Lab deploys from a handler file, so set "source" in the experiment to the handler file');
      }
    } else if (key === 'endpoint') {
      if (value.type === 'string' && value.value !== '') check.warning(keyNode, 'endpoint: FaaS Lab finds the function through its platform; ignored');
    } else {
      check.warning(keyNode, `${key}: not a FaaS Runner function key; ignored`);
    }
  }
  return { fallbacks, problems: sink.problems };
}

function readFaasRunnerPlatform(check: JsonChecker, node: Node): PlatformId | undefined {
  if (node.type !== 'string') {
    check.error(node, `platform: expected a FaaS Runner platform name ("AWS Lambda", "Google", "Azure"), found ${describe(node)}`);
    return undefined;
  }
  const name = node.value as string;
  const mapped = FAAS_RUNNER_PLATFORMS[name] ?? (['local', 'docker', 'aws', 'gcp', 'azure'].includes(name) ? (name as PlatformId) : undefined);
  if (mapped) return mapped;
  if (name === 'HTTP') {
    check.warning(node, 'platform: FaaS Runner\'s "HTTP" calls a URL directly and FaaS Lab has no such platform, so the experiment runs on "local"; deploy the function there or set "platform"');
    return 'local';
  }
  if (name === 'IBM') {
    check.error(node, 'platform: IBM Cloud Functions is not a FaaS Lab platform (it has been retired); use "aws", "gcp", "azure" or "local"');
    return undefined;
  }
  check.error(node, `platform: "${name}" is not a FaaS Runner platform; use "AWS Lambda", "Google" or "Azure"`);
  return undefined;
}

/** A spec as the *.experiment.json a user would write: FaaS Lab keys only, defaults left out. */
export function toExperimentDocument(spec: ExperimentSpec): Record<string, unknown> {
  const doc: Record<string, unknown> = { experimentName: spec.experimentName, function: spec.function };
  if (spec.source !== undefined) doc.source = spec.source;
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
