// What an experiment asks for once its file has been read and every default filled in.
// The runner, the planner and run.json all use this shape; the file format itself (keys,
// ranges, FaaS Runner compatibility) lives in keys.ts and parse.ts.
import type { HttpRequestOptions } from '../http-request';
import type { PlatformId } from '../model';

export type LoadMode = 'closed' | 'open' | 'burst';
export type ArrivalProcess = 'constant' | 'poisson';

export interface OpenLoopRate {
  /** Requested arrivals per second. */
  rps: number;
  arrivals: ArrivalProcess;
}

export interface RetryPolicy {
  /** Throttled attempts retried before the call is recorded as 'throttled'. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A sweep over load: one step per value, run in order, each with every iteration. */
export interface LoadSteps {
  /** Each step's load: threads (closed), arrivals per second (open) or calls released at once (burst). */
  loads: number[];
  /** Seconds to wait between one step's last call and the next step's first. */
  pauseS: number;
}

/** Adaptive search for the idle time after which the next call is cold. */
export interface IdleSearch {
  fromS: number;
  maxS: number;
  precisionS: number;
}

/** Idle-time probes: a priming call, a wait, a probe call whose cold/warm state is recorded. */
export interface IdlePlan {
  /** Fixed idle times in seconds (absent: search). */
  timesS?: number[];
  search?: IdleSearch;
  /** Prime/probe pairs per idle time. */
  repeat: number;
}

export interface ExperimentSpec {
  /** Names the run folder: `.faaslab/runs/<experimentName>/<timestamp>/`. */
  experimentName: string;
  /** Deployed function name. */
  function: string;
  /** Handler file relative to the experiment file; the caller deploys it before running. */
  source?: string;
  /** Platform "http": the URL called (FaaS Runner's function-file endpoint). */
  endpoint?: string;
  /** Platform "http": method, headers and body template of each call (default: POST the payload as JSON). */
  http?: HttpRequestOptions;
  /** One or more platforms; several are compared by running the whole matrix on each. */
  platforms: PlatformId[];
  mode: LoadMode;
  /** Open loop only. */
  rate?: OpenLoopRate;
  /** Open loop and burst: most calls in flight at once; later arrivals wait for a free slot. */
  maxInFlight: number;
  /** Calls per iteration. */
  runs: number;
  /** Closed loop: workers making calls back to back (FaaS Runner's threads). */
  threads: number;
  /** Repetitions per memory setting. */
  iterations: number;
  /** Seconds to wait before each memory setting's first iteration (as FaaS Runner) and between iterations. */
  sleepTime: number;
  /** The first warmupBuffer iterations of each memory setting are recorded as warm-up. */
  warmupBuffer: number;
  /** A step per load value (threads, rps or burst size); absent: one load, no steps. */
  steps?: LoadSteps;
  /** Idle-time (time-to-cold-start) probes instead of the load loop. */
  idle?: IdlePlan;
  /** Relative share of the calls each payload gets (power tuning's weights); absent: equal shares. */
  payloadWeights?: number[];
  /** Memory sizes in MB to run at; empty: the deployed size, unchanged. 0 means the same (FaaS Runner). */
  memorySettings: number[];
  /** Payloads as written (before parentPayload is merged in). */
  payloads: unknown[];
  parentPayload: Record<string, unknown>;
  shufflePayloads: boolean;
  randomSeed: number;
  /** Recycle instances before each iteration so each call's first use is a cold start. */
  coldStart: boolean;
  /** Client-side limit per call; absent: wait for the platform's answer. */
  timeoutS?: number;
  retry: RetryPolicy;
  /** Refuse to start when the estimated cost exceeds this; absent: no limit. */
  budgetUSD?: number;
  /** Duration per call used by the cost estimate; absent: the function's timeout (an upper bound). */
  expectedDurationMs?: number;
  /** False: stop issuing calls after the first failed one (error, timeout or throttled). */
  keepGoingOnError: boolean;
  /** Memory recommendation (power tuning's strategies); absent: 'cost'. balancedWeight: strategy 'balanced' only, 0..1. */
  strategy?: 'cost' | 'speed' | 'balanced';
  balancedWeight?: number;
  /**
   * FaaS Runner report keys (outputGroups, showAsList, ...) given on faas_runner.py's command line
   * (`--showAsList '["cpuType"]'`): kept with the run so `export --format faas-runner` applies them
   * over the experiment file's keys later, without the flags. The run itself does not read them.
   */
  reportKeyOverrides?: Record<string, unknown>;
}

/** Memory limits accepted in memorySettings (AWS Lambda's range, the widest of the clouds' common ground). */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10240;

/** Defaults shared with FaaS Runner where it has the same key, so its files mean the same here. */
export const EXPERIMENT_DEFAULTS = {
  mode: 'closed' as LoadMode,
  arrivals: 'constant' as ArrivalProcess,
  maxInFlight: 1000,
  runs: 10,
  threads: 10,
  iterations: 1,
  sleepTime: 0,
  warmupBuffer: 0,
  randomSeed: 42,
  shufflePayloads: false,
  coldStart: false,
  keepGoingOnError: true,
  retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 5000 } satisfies RetryPolicy,
  payloads: [{}] as unknown[],
  experimentName: 'experiment',
} as const;

/** FaaS Runner's memorySettings value 0 ("do not change") and an empty list both mean this. */
export const AS_DEPLOYED = 0;
