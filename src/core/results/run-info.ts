// run.json: what was run, where from and how it ended; written at the start of a run and
// rewritten at its end, beside the invocations.jsonl that holds the records.
import * as os from 'node:os';
import { version as packageVersion } from '../../../package.json';
import type { IdleSearchResult } from '../experiment/idle-search';
import type { ExperimentSpec } from '../experiment/spec';
import type { PlatformId } from '../model';
import type { RunOwner } from './run-liveness';

export type RunStatus = 'running' | 'completed' | 'completed-with-errors' | 'cancelled' | 'failed';

export interface RunCounts {
  /** Calls in the plan. */
  planned: number;
  /** Calls with a record in invocations.jsonl (any status). */
  recorded: number;
  ok: number;
  errors: number;
  timeouts: number;
  throttled: number;
  /** Throttled attempts retried, over all records. */
  retries: number;
  /** Calls not made because their memory setting could not be configured. */
  skipped: number;
}

export interface ClientHost {
  hostname: string;
  platform: string;
  arch: string;
  cpuModel: string;
  cores: number;
  totalMemoryMB: number;
}

export interface MemorySettingError {
  platform: PlatformId;
  memoryMB: number;
  error: string;
}

export interface RunInfo {
  /** `<experiment>/<timestamp>`: also what resolveRun accepts. */
  runId: string;
  experiment: string;
  spec: ExperimentSpec;
  experimentFile?: string;
  platforms: PlatformId[];
  faasLabVersion: string;
  nodeVersion: string;
  client: ClientHost;
  startedAt: string;
  endedAt?: string;
  /** Times the run was resumed, oldest first. */
  resumedAt?: string[];
  status: RunStatus;
  /** The process writing the run while it is running (run-liveness.ts tells a killed one). */
  owner?: RunOwner;
  memorySettingErrors: MemorySettingError[];
  counts: RunCounts;
  /** Idle search: the estimated time to a cold start per platform and memory size, with its bracket. */
  idleSearch?: IdleSearchOutcome[];
  /** What went wrong or was worth saying (cancellation, stop on error, restore failures). */
  problems?: string[];
}

export interface IdleSearchOutcome extends IdleSearchResult {
  platform: PlatformId;
  memoryMB: number;
}

export const FAAS_LAB_VERSION: string = packageVersion;

export function describeClientHost(): ClientHost {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: os.platform(),
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / (1024 * 1024)),
  };
}

export function emptyCounts(planned = 0): RunCounts {
  return { planned, recorded: 0, ok: 0, errors: 0, timeouts: 0, throttled: 0, retries: 0, skipped: 0 };
}
