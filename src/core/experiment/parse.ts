// Experiment file text -> normalised ExperimentSpec, or positioned problems that say what to fix.
// Nothing runs on a file with an error: the spec is returned only when there is none.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import * as path from 'node:path';
import { LineMap } from '../text/line-map';
import { ProblemSink } from '../text/problem-sink';
import { PLATFORM_IDS, isPlatformId, type PlatformId, type Problem } from '../model';
import { isHttpUrl } from './function-file';
import { readHttpRequest } from './parse-http';
import { looksWeighted, readIdle, readLoadValue, readSteps, readWeightedPayloads } from './parse-load';
import { JsonChecker, checkJsonText, describe, reportUnknown, unexpectedToken } from './json-check';
import {
  EXPERIMENT_KEYS,
  FAAS_RUNNER_IGNORED_KEYS,
  FAAS_RUNNER_REPORT_KEYS,
  FAAS_RUNNER_UNSUPPORTED_WHEN_SET,
  RATE_KEYS,
  REPORT_KEY_NOTE,
  RETRY_KEYS,
  acceptedTopLevelKeys,
  closestKey,
} from './keys';
import {
  AS_DEPLOYED,
  EXPERIMENT_DEFAULTS as D,
  MAX_MEMORY_MB,
  MIN_MEMORY_MB,
  type ArrivalProcess,
  type ExperimentSpec,
  type LoadMode,
  type LoadSteps,
  type RetryPolicy,
} from './spec';

export interface ParseResult {
  spec?: ExperimentSpec;
  problems: Problem[];
}

/** Values that come from elsewhere when the file leaves them out (a FaaS Runner function file). */
export interface ParseFallbacks {
  function?: string;
  platforms?: PlatformId[];
  source?: string;
  endpoint?: string;
}

const RPS_RULE = { min: 0, exclusiveMin: true, max: 100_000, unit: ' per second' };

const LIMITS = {
  runs: { min: 1, max: 1_000_000 },
  threads: { min: 1, max: 10_000 },
  iterations: { min: 1, max: 10_000 },
  maxInFlight: { min: 1, max: 100_000 },
  sleepTime: { min: 0, max: 3600 },
  maxRetries: { min: 0, max: 100 },
} as const;

/** FaaS Runner and cloud-console names people write for FaaS Lab's platform ids. */
const PLATFORM_ALIASES: Record<string, PlatformId> = {
  'aws lambda': 'aws',
  lambda: 'aws',
  google: 'gcp',
  'google cloud functions': 'gcp',
  gcf: 'gcp',
  'azure functions': 'azure',
};

export function parseExperiment(file: string, text: string): ParseResult {
  return parseExperimentWith(file, text, {});
}

export function parseExperimentWith(file: string, text: string, fallbacks: ParseFallbacks): ParseResult {
  const lines = new LineMap(text);
  const sink = new ProblemSink(file, lines);
  const checked = checkJsonText(text, sink);
  if (checked === undefined) return { problems: sink.problems };
  const errors: ParseError[] = [];
  const root = parseTree(checked, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  // The parser's later complaints on a line follow from its first one (NaN: "unexpected", then "value expected"); the first says it best.
  const linesWithError = new Set<number>();
  for (const e of errors) {
    const line = lines.position(e.offset).line;
    if (linesWithError.has(line)) continue;
    linesWithError.add(line);
    if (printParseErrorCode(e.error) === 'InvalidSymbol') {
      const token = unexpectedToken(checked, e.offset);
      sink.error(token.start, token.end, `JSON syntax: ${token.message}`);
    } else sink.error(e.offset, e.offset + Math.max(1, e.length), syntaxMessage(e));
  }
  if (errors.length > 0) return { problems: sink.problems };
  if (!root) {
    sink.error(0, 0, 'The file is empty: an experiment is a JSON object, e.g. {"function": "hello", "platform": "local", "runs": 10}');
    return { problems: sink.problems };
  }
  const check = new JsonChecker(sink);
  if (root.type !== 'object') {
    check.error(root, `An experiment is a JSON object ({ ... }), found ${describe(root)}; e.g. {"function": "hello", "runs": 10}`);
    return { problems: sink.problems };
  }
  const spec = readSpec(check, root, file, fallbacks);
  return sink.errorCount === 0 && spec ? { spec, problems: sink.problems } : { problems: sink.problems };
}

function readSpec(check: JsonChecker, root: Node, file: string, fallbacks: ParseFallbacks): ExperimentSpec | undefined {
  const props = check.properties(root, '');
  const known = acceptedTopLevelKeys();
  for (const [key, { key: keyNode, value }] of props) {
    if ((EXPERIMENT_KEYS as readonly string[]).includes(key)) continue;
    if ((FAAS_RUNNER_REPORT_KEYS as readonly string[]).includes(key)) {
      check.warning(keyNode, `${key}: ${REPORT_KEY_NOTE}`);
    } else if (key in FAAS_RUNNER_IGNORED_KEYS) {
      check.warning(keyNode, `${key}: ${FAAS_RUNNER_IGNORED_KEYS[key]}; ignored`);
    } else if (key === FAAS_RUNNER_UNSUPPORTED_WHEN_SET) {
      if (value.type === 'string' && value.value === '') check.warning(keyNode, `${key}: empty, ignored`);
      else check.error(value, `${key}: FaaS Lab does not read payload folders; copy the files' JSON objects into "payloads" and remove ${key}`);
    } else {
      const guess = closestKey(key, known);
      if (guess) check.error(keyNode, `${key}: unknown key; did you mean "${guess}"?`);
      else check.warning(keyNode, `${key}: unknown key, ignored (known keys: ${EXPERIMENT_KEYS.filter((k) => k !== '$schema').join(', ')})`);
    }
  }
  const get = (key: (typeof EXPERIMENT_KEYS)[number]): Node | undefined => props.get(key)?.value;
  const optional = <T>(key: (typeof EXPERIMENT_KEYS)[number], read: (node: Node) => T | undefined): T | undefined => {
    const node = get(key);
    return node ? read(node) : undefined;
  };

  const schemaNode = get('$schema');
  if (schemaNode) check.string(schemaNode, '$schema', 'the schema URL or path');

  const experimentName = optional('experimentName', (n) => readExperimentName(check, n)) ?? defaultExperimentName(file);
  let fn = optional('function', (n) => check.string(n, 'function', 'the deployed function name, e.g. "hello"'));
  if (!get('function')) {
    fn = fallbacks.function;
    if (fn === undefined) check.sink.error(root.offset, root.offset + 1, 'function: missing; name the deployed function, e.g. "function": "hello"');
  }
  const source = optional('source', (n) => check.string(n, 'source', 'the handler file, relative to this experiment file')) ?? fallbacks.source;
  const platforms = readPlatforms(check, get('platform'), get('platforms'), props.get('platforms')?.key) ?? fallbacks.platforms ?? ['local'];
  const endpoint = readEndpoint(check, get('endpoint'), platforms) ?? fallbacks.endpoint;
  // Without "endpoint", platform "http" calls the function linked under that name (faas-lab link).
  const http = readHttpRequest(check, get, platforms);

  const mode = optional('mode', (n) => check.oneOf<LoadMode>(n, 'mode', ['closed', 'open', 'burst'])) ?? D.mode;
  const rateNode = get('rate');
  const rate = rateNode ? readRate(check, rateNode) : undefined;
  if (mode === 'open' && !rateNode && get('mode') && !props.has('steps')) {
    check.error(get('mode')!, 'mode: "open" needs a request rate; add e.g. "rate": {"rps": 50, "arrivals": "poisson"}');
  }
  if (mode !== 'open' && rateNode) check.warning(props.get('rate')!.key, 'rate: used only when mode is "open"; ignored');
  const maxInFlight = optional('maxInFlight', (n) => check.number(n, 'maxInFlight', { ...LIMITS.maxInFlight, integer: true })) ?? D.maxInFlight;
  if (mode === 'closed' && get('maxInFlight')) {
    check.warning(props.get('maxInFlight')!.key, 'maxInFlight: used by "open" and "burst" modes; in closed mode threads bounds the calls in flight');
  }

  const runsNode = get('runs');
  let runs = optional('runs', (n) => check.number(n, 'runs', { ...LIMITS.runs, integer: true })) ?? D.runs;
  const burstNode = get('burst');
  const burst = burstNode ? readLoadValue(check, burstNode, 'burst', { ...LIMITS.runs, integer: true }, '[1, 2, 4, 8]') : undefined;
  if (burstNode && mode !== 'burst') check.warning(props.get('burst')!.key, `burst: the calls released at once in "burst" mode; ignored in ${mode} mode`);
  else if (typeof burst === 'number') {
    if (runsNode) check.error(props.get('burst')!.key, 'burst: in burst mode "burst" is the calls released at once, the same as runs; remove one of them');
    runs = burst;
  }
  const threadsNode = get('threads');
  const threadsValue = threadsNode ? readLoadValue(check, threadsNode, 'threads', { ...LIMITS.threads, integer: true }, '[1, 2, 4, 8]') : undefined;
  const threadList = Array.isArray(threadsValue) ? threadsValue : undefined;
  let threads = Array.isArray(threadsValue) ? threadsValue[0] : threadsValue;
  if (threadsNode && threads !== undefined && mode === 'closed') {
    if (threadList) {
      threadList.forEach((t, i) => {
        if (t > runs) check.error(threadsNode.children![i], `threads[${i}]: ${t} is more than runs (${runs}); a thread with no call to make would sit idle, so use at most ${runs} or raise runs`);
      });
    } else if (threads > runs) {
      check.error(threadsNode, `threads: ${threads} is more than runs (${runs}); a thread with no call to make would sit idle, so use at most ${runs}`);
    } else if (runs % threads !== 0) {
      const per = Math.floor(runs / threads);
      check.warning(
        threadsNode,
        `threads: ${runs} runs do not split evenly over ${threads} threads. FaaS Runner would make only ${per * threads} calls (${per} per thread); ` +
          `FaaS Lab makes all ${runs}: the first ${runs % threads} thread(s) make ${per + 1}`,
      );
    }
  } else if (threadsNode && mode !== 'closed' && (threadList || !isFaasRunnerDefaultThreads(threads, runs))) {
    check.warning(props.get('threads')!.key, `threads: used only in closed mode; in ${mode} mode calls are not tied to workers`);
  }
  // FaaS Runner's default is 10 threads; a smaller experiment without the key gets one thread per run.
  threads ??= Math.min(D.threads, runs);
  const steps = readLoadSteps(check, props, mode, {
    closed: threadList,
    open: Array.isArray(rate?.rps) ? rate.rps : undefined,
    burst: Array.isArray(burst) ? burst : undefined,
  }, runs);
  const idle = optional('idle', (n) => readIdle(check, n));
  if (idle) {
    for (const key of ['mode', 'rate', 'threads', 'burst', 'steps', 'stepPauseS', 'iterations', 'warmupBuffer', 'coldStart'] as const) {
      if (props.has(key)) check.warning(props.get(key)!.key, `${key}: not used with "idle" (idle probes are prime/probe pairs made one at a time); ignored`);
    }
  }

  const iterations = optional('iterations', (n) => check.number(n, 'iterations', { ...LIMITS.iterations, integer: true })) ?? D.iterations;
  const sleepTime = optional('sleepTime', (n) => check.number(n, 'sleepTime', { ...LIMITS.sleepTime, unit: ' s' })) ?? D.sleepTime;
  const warmupNode = get('warmupBuffer');
  const warmupBuffer = optional('warmupBuffer', (n) => check.number(n, 'warmupBuffer', { min: 0, integer: true })) ?? D.warmupBuffer;
  if (warmupNode && warmupBuffer >= iterations && warmupBuffer > 0) {
    check.warning(
      warmupNode,
      `warmupBuffer: ${warmupBuffer} is not below iterations (${iterations}), so every call is a warm-up and summaries will be empty; use at most ${iterations - 1}`,
    );
  }
  const memorySettings = optional('memorySettings', (n) => readMemorySettings(check, n)) ?? [];
  if (platforms.includes('http') && memorySettings.some((mb) => mb !== AS_DEPLOYED)) {
    check.error(
      get('memorySettings')!,
      `memorySettings: an HTTP endpoint's memory cannot be changed by FaaS Lab (FaaS Runner would run each size without changing it); set "memorySettings": [] (or --memorySettings "[]") and change the memory where the function is deployed`,
    );
  }

  const parentPayload =
    optional('parentPayload', (n) => (check.object(n, 'parentPayload', '{"name": "Bob"}') ? (check.plain(n, 'parentPayload')?.value as Record<string, unknown>) : undefined)) ?? {};
  const weighted = optional('weightedPayloads', (n) => check.boolean(n, 'weightedPayloads')) ?? false;
  const read = optional('payloads', (n) => readPayloads(check, n, Object.keys(parentPayload).length > 0, weighted));
  if (weighted && !get('payloads')) check.warning(props.get('weightedPayloads')!.key, 'weightedPayloads: there are no payloads to weigh; add e.g. "payloads": [{"payload": {"n": 1}, "weight": 5}]');
  const payloads = read?.payloads ?? [...D.payloads];
  const shufflePayloads = optional('shufflePayloads', (n) => check.boolean(n, 'shufflePayloads')) ?? D.shufflePayloads;
  const randomSeed =
    optional('randomSeed', (n) => check.number(n, 'randomSeed', { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true })) ??
    D.randomSeed;

  const coldStart = optional('coldStart', (n) => check.boolean(n, 'coldStart')) ?? D.coldStart;
  const timeoutS = optional('timeoutS', (n) => check.number(n, 'timeoutS', { min: 0, exclusiveMin: true, max: 86_400, unit: ' s' }));
  const retry = optional('retry', (n) => readRetry(check, n)) ?? { ...D.retry };
  const budgetUSD = optional('budgetUSD', (n) => check.number(n, 'budgetUSD', { min: 0, unit: ' USD' }));
  const expectedDurationMs = optional('expectedDurationMs', (n) =>
    check.number(n, 'expectedDurationMs', { min: 0, exclusiveMin: true, max: 86_400_000, unit: ' ms' }),
  );
  const keepGoingOnError = optional('keepGoingOnError', (n) => check.boolean(n, 'keepGoingOnError')) ?? D.keepGoingOnError;
  const strategy = optional('strategy', (n) => check.oneOf<'cost' | 'speed' | 'balanced'>(n, 'strategy', ['cost', 'speed', 'balanced']));
  const balancedWeight = optional('balancedWeight', (n) => check.number(n, 'balancedWeight', { min: 0, max: 1 }));
  if (get('balancedWeight') && strategy !== 'balanced') check.warning(props.get('balancedWeight')!.key, 'balancedWeight: used only with "strategy": "balanced"; ignored');

  if (fn === undefined || experimentName === undefined) return undefined;
  const spec: ExperimentSpec = {
    experimentName,
    function: fn,
    platforms,
    mode,
    maxInFlight,
    runs,
    threads: mode === 'closed' ? threads : Math.min(threads, runs),
    iterations,
    sleepTime,
    warmupBuffer,
    memorySettings,
    payloads,
    parentPayload,
    shufflePayloads,
    randomSeed,
    coldStart,
    retry,
    keepGoingOnError,
  };
  if (source !== undefined) spec.source = source;
  if (endpoint !== undefined) spec.endpoint = endpoint;
  if (http !== undefined) spec.http = http;
  if (mode === 'open') spec.rate = rate ? { rps: Array.isArray(rate.rps) ? rate.rps[0] : rate.rps, arrivals: rate.arrivals } : { rps: 1, arrivals: D.arrivals };
  if (idle) spec.idle = idle;
  else if (steps) spec.steps = steps;
  if (read?.weights) spec.payloadWeights = read.weights;
  if (timeoutS !== undefined) spec.timeoutS = timeoutS;
  if (budgetUSD !== undefined) spec.budgetUSD = budgetUSD;
  if (expectedDurationMs !== undefined) spec.expectedDurationMs = expectedDurationMs;
  if (strategy !== undefined) spec.strategy = strategy;
  if (strategy === 'balanced' && balancedWeight !== undefined) spec.balancedWeight = balancedWeight;
  return spec;
}

function readEndpoint(check: JsonChecker, node: Node | undefined, platforms: PlatformId[]): string | undefined {
  if (!node) return undefined;
  const url = check.string(node, 'endpoint', 'the function\'s URL, e.g. "http://127.0.0.1:31112/function/hello"');
  if (url === undefined) return undefined;
  if (!isHttpUrl(url)) {
    check.error(node, `endpoint: ${JSON.stringify(url)} is not an http:// or https:// URL; write the function's full URL`);
    return undefined;
  }
  if (platforms.includes('http')) return url;
  check.warning(node, 'endpoint: used only with platform "http"; ignored');
  return undefined;
}

/** FaaS Runner files always carry threads; only complain in open/burst mode when it was set on purpose. */
function isFaasRunnerDefaultThreads(threads: number | undefined, runs: number): boolean {
  return threads === undefined || threads === runs;
}

function readExperimentName(check: JsonChecker, node: Node): string | undefined {
  const name = check.string(node, 'experimentName', 'a name for the run folder, e.g. "memory-sweep"');
  if (name === undefined) return undefined;
  if (/[/\\:*?"<>|]/.test(name) || hasControlCharacter(name) || name === '.' || name === '..') {
    check.error(node, `experimentName: ${JSON.stringify(name)} names a folder, so it cannot hold / \\ : * ? " < > | or control characters; use e.g. "${safeName(name)}"`);
    return undefined;
  }
  return name;
}

/** `sweep.experiment.json` -> `sweep`, as FaaS Runner names experiments after their file. */
export function defaultExperimentName(file: string): string {
  const base = path.basename(file).replace(/\.experiment\.json$/i, '').replace(/\.json$/i, '');
  return safeName(base) || D.experimentName;
}

function safeName(name: string): string {
  return [...name]
    .map((ch) => (/[/\\:*?"<>|]/.test(ch) || hasControlCharacter(ch) ? '-' : ch))
    .join('')
    .replace(/-+/g, '-')
    .replace(/^\.+$/, '');
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((ch) => ch.charCodeAt(0) < 0x20);
}

function readPlatforms(check: JsonChecker, single: Node | undefined, many: Node | undefined, manyKey: Node | undefined): PlatformId[] | undefined {
  if (single && many) {
    check.error(manyKey ?? many, 'platforms: use either "platform" (one) or "platforms" (several compared), not both');
    return undefined;
  }
  if (single) {
    const id = readPlatformId(check, single, 'platform');
    return id ? [id] : undefined;
  }
  if (!many) return undefined;
  const items = check.array(many, 'platforms', '["local", "aws"]');
  if (!items) return undefined;
  if (items.length === 0) {
    check.error(many, 'platforms: empty; list at least one platform, e.g. ["local"]');
    return undefined;
  }
  const out: PlatformId[] = [];
  items.forEach((item, i) => {
    const id = readPlatformId(check, item, `platforms[${i}]`);
    if (id && out.includes(id)) check.error(item, `platforms[${i}]: "${id}" is listed twice; list each platform once`);
    else if (id) out.push(id);
  });
  return out.length === items.length ? out : undefined;
}

function readPlatformId(check: JsonChecker, node: Node, where: string): PlatformId | undefined {
  const known = PLATFORM_IDS.map((p) => `"${p}"`).join(', ');
  if (node.type !== 'string') {
    check.error(node, `${where}: expected a platform name in quotes (${known}), found ${describe(node)}`);
    return undefined;
  }
  const value = node.value as string;
  if (isPlatformId(value)) return value;
  const alias = PLATFORM_ALIASES[value.trim().toLowerCase()] ?? (isPlatformId(value.trim().toLowerCase()) ? (value.trim().toLowerCase() as PlatformId) : undefined);
  const hint = alias ? `did you mean "${alias}"?` : `use one of ${known}`;
  check.error(node, `${where}: "${value}" is not a FaaS Lab platform; ${hint}`);
  return undefined;
}

function readRate(check: JsonChecker, node: Node): { rps: number | number[]; arrivals: ArrivalProcess } | undefined {
  if (!check.object(node, 'rate', '{"rps": 50, "arrivals": "poisson"}')) return undefined;
  const props = check.properties(node, 'rate.');
  reportUnknown(check, props, RATE_KEYS, 'rate.');
  const rpsNode = props.get('rps')?.value;
  if (!rpsNode) {
    check.error(node, 'rate.rps: missing; give the arrivals per second, e.g. {"rps": 50}');
    return undefined;
  }
  const rps = readLoadValue(check, rpsNode, 'rate.rps', RPS_RULE, '[10, 20, 40]');
  const arrivalsNode = props.get('arrivals')?.value;
  const arrivals = arrivalsNode ? check.oneOf<ArrivalProcess>(arrivalsNode, 'rate.arrivals', ['constant', 'poisson']) : D.arrivals;
  return rps !== undefined && arrivals !== undefined ? { rps, arrivals } : undefined;
}

function readRetry(check: JsonChecker, node: Node): RetryPolicy | undefined {
  if (!check.object(node, 'retry', '{"maxRetries": 5, "baseDelayMs": 100, "maxDelayMs": 5000}')) return undefined;
  const props = check.properties(node, 'retry.');
  reportUnknown(check, props, RETRY_KEYS, 'retry.');
  const read = (key: (typeof RETRY_KEYS)[number], rule: Parameters<JsonChecker['number']>[2]): number | undefined => {
    const n = props.get(key)?.value;
    return n ? check.number(n, `retry.${key}`, rule) : D.retry[key];
  };
  const maxRetries = read('maxRetries', { ...LIMITS.maxRetries, integer: true });
  const baseDelayMs = read('baseDelayMs', { min: 1, max: 600_000, unit: ' ms' });
  const maxDelayMs = read('maxDelayMs', { min: 1, max: 600_000, unit: ' ms' });
  if (maxRetries === undefined || baseDelayMs === undefined || maxDelayMs === undefined) return undefined;
  if (maxDelayMs < baseDelayMs) {
    const at = props.get('maxDelayMs')?.value ?? props.get('baseDelayMs')?.value ?? node;
    check.error(at, `retry.maxDelayMs: ${maxDelayMs} is below retry.baseDelayMs (${baseDelayMs}); the cap must be at least the first delay`);
    return undefined;
  }
  return { maxRetries, baseDelayMs, maxDelayMs };
}

function readMemorySettings(check: JsonChecker, node: Node): number[] | undefined {
  const items = check.array(node, 'memorySettings', '[128, 256, 512]');
  if (!items) return undefined;
  const out: number[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const where = `memorySettings[${i}]`;
    // 0 is FaaS Runner's "leave the memory as deployed".
    const mb = item.type === 'number' && item.value === AS_DEPLOYED ? AS_DEPLOYED : check.number(item, where, { min: MIN_MEMORY_MB, max: MAX_MEMORY_MB, integer: true, unit: ' MB' });
    if (mb === undefined) ok = false;
    else if (out.includes(mb)) check.warning(item, `${where}: ${mb} MB is listed twice, so it runs twice; remove one unless that is intended`);
    if (mb !== undefined) out.push(mb);
  });
  return ok ? out : undefined;
}

function readPayloads(check: JsonChecker, node: Node, hasParent: boolean, weighted: boolean): { payloads: unknown[]; weights?: number[] } | undefined {
  const items = check.array(node, 'payloads', '[{"name": "Bob"}, {"name": "Joe"}]');
  if (!items) return undefined;
  if (items.length === 0) {
    check.error(node, 'payloads: empty; list at least one payload, e.g. [{}] for an empty request');
    return undefined;
  }
  if (weighted) {
    const w = readWeightedPayloads(check, items, hasParent);
    return w ? { payloads: w.payloads, weights: w.weights } : undefined;
  }
  if (looksWeighted(items)) {
    check.warning(node, 'payloads: every entry is {"payload", "weight"}, as in aws-lambda-power-tuning; add "weightedPayloads": true to send each payload in proportion to its weight (as written, each entry is sent whole)');
  }
  let ok = true;
  const values = items.map((item, i) => {
    if (hasParent && item.type !== 'object') {
      check.error(item, `payloads[${i}]: ${describe(item)} cannot be merged with parentPayload; payloads must be objects when parentPayload is set`);
      ok = false;
    }
    const plain = check.plain(item, `payloads[${i}]`);
    if (!plain) ok = false;
    return plain?.value;
  });
  return ok ? { payloads: values } : undefined;
}

/** The mode's list of loads (threads, rate.rps or burst) or "steps": a step per value, with stepPauseS between. */
function readLoadSteps(
  check: JsonChecker,
  props: Map<string, { key: Node; value: Node }>,
  mode: LoadMode,
  lists: Record<LoadMode, number[] | undefined>,
  runs: number,
): LoadSteps | undefined {
  const loadKey = { closed: 'threads', open: 'rate.rps', burst: 'burst' }[mode];
  const stepsNode = props.get('steps');
  let loads = lists[mode];
  if (stepsNode) {
    const rule = mode === 'open' ? RPS_RULE : mode === 'closed' ? { ...LIMITS.threads, integer: true } : { ...LIMITS.runs, integer: true };
    if (loads) check.error(stepsNode.key, `steps: ${loadKey} is already a list of steps; use either the list or "steps"`);
    else {
      loads = readSteps(check, stepsNode.value, loadKey, rule);
      if (loads && mode === 'closed' && loads.some((t) => t > runs)) {
        check.error(stepsNode.value, `steps: up to ${Math.max(...loads)} threads, more than runs (${runs}); a thread with no call to make would sit idle, so raise runs or lower steps.to`);
      }
    }
  }
  const pauseNode = props.get('stepPauseS');
  const pauseS = pauseNode ? check.number(pauseNode.value, 'stepPauseS', { ...LIMITS.sleepTime, unit: ' s' }) : 0;
  if (pauseNode && !loads) check.warning(pauseNode.key, `stepPauseS: the pause between load steps; there are none (give ${loadKey} a list, or "steps")`);
  return loads && pauseS !== undefined ? { loads, pauseS } : undefined;
}

function syntaxMessage(e: ParseError): string {
  const what: Record<string, string> = {
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a key in double quotes (a trailing comma before } is not allowed in JSON)',
    ValueExpected: 'expected a value (a trailing comma before ] is not allowed in JSON)',
    ColonExpected: 'expected a colon after the key',
    CommaExpected: 'expected a comma between entries',
    CloseBraceExpected: 'expected } to close the object',
    CloseBracketExpected: 'expected ] to close the list',
    EndOfFileExpected: 'unexpected text after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in an experiment file (it is plain JSON)',
    UnexpectedEndOfComment: 'comment not closed',
    UnexpectedEndOfString: 'string not closed: add the closing "',
    UnexpectedEndOfNumber: 'number not finished',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character in string',
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
  };
  const code = printParseErrorCode(e.error);
  return `JSON syntax: ${what[code] ?? code}`;
}
