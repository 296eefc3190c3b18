// FaaS Runner's function file (`{"function", "platform", "source", "endpoint"}`, SAAF
// test/functions/*.json): what it names becomes the experiment's function, platform, handler
// file and endpoint where the experiment file leaves them out.
import { parse, parseTree, type Node, type ParseError } from 'jsonc-parser';
import * as path from 'node:path';
import { LineMap } from '../text/line-map';
import { ProblemSink } from '../text/problem-sink';
import { isPlatformId, type PlatformId, type Problem } from '../model';
import { JsonChecker, checkJsonText, describe } from './json-check';
import type { ParseFallbacks } from './parse';

/** The keys of a FaaS Runner function file; command-line overrides of these go to the function file. */
export const FUNCTION_FILE_KEYS = ['function', 'platform', 'source', 'endpoint'] as const;

/** FaaS Runner's platform names -> FaaS Lab platform ids. */
const FAAS_RUNNER_PLATFORMS: Readonly<Record<string, PlatformId>> = {
  'AWS Lambda': 'aws',
  Google: 'gcp',
  Azure: 'azure',
  HTTP: 'http',
};

/** Handler files FaaS Lab can deploy; any other `source` is a SAAF project folder for FaaS Runner's publish script. */
const HANDLER_FILE = /\.(js|mjs|cjs|ts|mts|cts|py)$/i;

export interface FunctionFileResult {
  fallbacks: ParseFallbacks;
  problems: Problem[];
}

/**
 * Reads a function file. `overrides` are command-line values (`--platform HTTP`), strings as
 * FaaS Runner passes them, and win over the file's own.
 */
export function readFunctionFile(
  file: string,
  text: string,
  overrides: Readonly<Record<string, string>> = {},
  experiment: { callWithCLI?: unknown } = {},
): FunctionFileResult {
  const sink = new ProblemSink(file, new LineMap(text));
  // Size, encoding and nesting first: the parser recurses per level.
  const checked = checkJsonText(text, sink);
  if (checked === undefined) return { fallbacks: {}, problems: sink.problems };
  const errors: ParseError[] = [];
  const root = parseTree(checked, errors, { disallowComments: true });
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
  for (const [key, { key: keyNode }] of props) {
    if (!(FUNCTION_FILE_KEYS as readonly string[]).includes(key)) check.warning(keyNode, `${key}: not a FaaS Runner function key; ignored`);
  }
  // An override has no place in the file: its problems point at the file's start.
  const at = (key: string): Node => props.get(key)?.value ?? root;
  const value = (key: (typeof FUNCTION_FILE_KEYS)[number], what: string): string | undefined => {
    if (key in overrides) return overrides[key];
    const node = props.get(key)?.value;
    if (!node) return undefined;
    // FaaS Runner's files leave unused keys empty ("endpoint": "").
    return node.type === 'string' && node.value === '' ? '' : check.string(node, key, what);
  };

  const fallbacks: ParseFallbacks = {};
  const fn = value('function', 'the deployed function name');
  if (fn === undefined && !props.has('function')) sink.error(root.offset, root.offset + 1, 'function: missing; FaaS Runner function files name the deployed function, e.g. "function": "hello"');
  else if (fn !== undefined) fallbacks.function = fn;

  const platformName = value('platform', 'a FaaS Runner platform name ("AWS Lambda", "Google", "Azure", "HTTP")');
  let platform = platformName === undefined ? undefined : platformOf(check, at('platform'), platformName);
  const endpoint = value('endpoint', 'the function\'s URL');
  // FaaS Runner POSTs to the endpoint for Azure always, and for every platform when callWithCLI is false.
  if (endpoint && platform && platform !== 'http' && (platform === 'azure' || experiment.callWithCLI === false)) {
    check.warning(
      at('endpoint'),
      `endpoint: FaaS Runner calls this URL ${platform === 'azure' ? 'for Azure functions' : 'because the experiment says "callWithCLI": false'}, so FaaS Lab does too (platform "http"); remove the endpoint to reach the function through FaaS Lab's ${platform} platform instead`,
    );
    platform = 'http';
  }
  if (platform) fallbacks.platforms = [platform];
  if (platform === 'http') {
    if (!endpoint) check.error(at('endpoint'), 'endpoint: FaaS Runner\'s "HTTP" platform calls this URL; give it, e.g. "endpoint": "http://127.0.0.1:31112/function/hello"');
    else if (!isHttpUrl(endpoint)) check.error(at('endpoint'), `endpoint: ${JSON.stringify(endpoint)} is not an http:// or https:// URL; write the function's full URL`);
    else fallbacks.endpoint = endpoint;
  } else if (endpoint) {
    check.warning(at('endpoint'), `endpoint: used only with "platform": "HTTP"; FaaS Lab finds the function through its ${platform ? `${platform} ` : ''}platform`);
  }

  const source = value('source', 'the function\'s source');
  if (source !== undefined && source !== '' && source !== '.') {
    if (HANDLER_FILE.test(source) && platform !== 'http') fallbacks.source = path.resolve(path.dirname(file), source);
    else if (platform !== 'http') {
      check.warning(at('source'), 'source: a SAAF project folder for FaaS Runner\'s publish script; FaaS Lab deploys a handler file, so name one here (e.g. "source": "../src/hello.py") or deploy the function first');
    }
  }
  return { fallbacks, problems: sink.problems };
}

function platformOf(check: JsonChecker, node: Node, name: string): PlatformId | undefined {
  const mapped = FAAS_RUNNER_PLATFORMS[name] ?? (isPlatformId(name) ? name : undefined);
  if (mapped) return mapped;
  if (name === 'IBM') {
    check.error(node, 'platform: IBM Cloud Functions has been shut down and has no FaaS Lab equivalent; use "AWS Lambda", "Google", "Azure", "HTTP" (any URL) or a FaaS Lab platform such as "local"');
    return undefined;
  }
  check.error(node, `platform: "${name}" is not a FaaS Runner platform; use "AWS Lambda", "Google", "Azure", "HTTP" or a FaaS Lab platform such as "local"`);
  return undefined;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The experiment's callWithCLI, which decides whether FaaS Runner calls the function's endpoint. */
export function callSettingsOf(experimentText: string): { callWithCLI?: unknown } {
  const doc = parse(experimentText) as unknown;
  return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? { callWithCLI: (doc as Record<string, unknown>).callWithCLI } : {};
}
