// Every key an experiment file may hold, in one table: the parser checks files against it and a
// test checks schemas/experiment.schema.json against it, so the editor and the runner agree.

/** Keys FaaS Lab reads (FaaS Runner's own run keys keep their FaaS Runner meaning). */
export const EXPERIMENT_KEYS = [
  '$schema',
  'experimentName',
  'function',
  'source',
  'platform',
  'platforms',
  'endpoint',
  'method',
  'headers',
  'bodyTemplate',
  'mode',
  'rate',
  'maxInFlight',
  'runs',
  'threads',
  'iterations',
  'sleepTime',
  'warmupBuffer',
  'burst',
  'steps',
  'stepPauseS',
  'idle',
  'memorySettings',
  'payloads',
  'weightedPayloads',
  'parentPayload',
  'shufflePayloads',
  'randomSeed',
  'coldStart',
  'timeoutS',
  'retry',
  'budgetUSD',
  'expectedDurationMs',
  'keepGoingOnError',
  'strategy',
  'balancedWeight',
] as const;
export type ExperimentKey = (typeof EXPERIMENT_KEYS)[number];

export const RATE_KEYS = ['rps', 'arrivals'] as const;
export const STEPS_KEYS = ['from', 'to', 'factor', 'add'] as const;
export const IDLE_KEYS = ['times', 'search', 'repeat'] as const;
export const IDLE_SEARCH_KEYS = ['fromS', 'maxS', 'precisionS'] as const;
/** aws-lambda-power-tuning's weighted payload entries, read when "weightedPayloads" is true. */
export const WEIGHTED_PAYLOAD_KEYS = ['payload', 'weight'] as const;
export const RETRY_KEYS = ['maxRetries', 'baseDelayMs', 'maxDelayMs'] as const;

export const REPORT_KEY_NOTE = "shapes FaaS Runner's report, which `faas-lab export --format faas-runner` writes; FaaS Lab's own report ignores it";

/** FaaS Runner keys that shape its CSV report: `faas-lab export --format faas-runner` honours them; FaaS Lab's own summaries do not use them. */
export const FAAS_RUNNER_REPORT_KEYS = [
  'outputGroups',
  'outputRawOfGroup',
  'showAsList',
  'showAsSum',
  'ignoreFromAll',
  'ignoreFromGroups',
  'ignoreByGroup',
  'invalidators',
  'removeDuplicateContainers',
  'overlapFilter',
  'openCSV',
  'combineSheets',
  'simpleOutput',
] as const;

/** Other FaaS Runner keys FaaS Lab accepts without acting on them, with why. */
export const FAAS_RUNNER_IGNORED_KEYS: Readonly<Record<string, string>> = {
  callWithCLI: 'FaaS Lab calls through the platform provider; with a function file (-f), false calls its endpoint (platform "http") as FaaS Runner does',
  callAsync: 'FaaS Lab makes synchronous calls only, so it can measure each answer',
  passPayloads: 'used by FaaS Runner pipelines (several functions chained); FaaS Lab runs one function',
  transitions: 'used by FaaS Runner pipelines (several functions chained); FaaS Lab runs one function',
  payloadFirstFunction: 'used by FaaS Runner pipelines (several functions chained); FaaS Lab runs one function',
  sourceFile: 'FaaS Runner sets it itself when it loads a file',
};

/** A FaaS Runner key whose value, when set, would change what runs: refused rather than ignored. */
export const FAAS_RUNNER_UNSUPPORTED_WHEN_SET = 'payloadFolder';

/** Every top-level key accepted without an error. */
export function acceptedTopLevelKeys(): string[] {
  return [...EXPERIMENT_KEYS, ...FAAS_RUNNER_REPORT_KEYS, ...Object.keys(FAAS_RUNNER_IGNORED_KEYS), FAAS_RUNNER_UNSUPPORTED_WHEN_SET];
}

/** The closest known key within two edits, to turn a typo into a suggestion. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
