// The defaults and limits of a function on a platform that runs its own instances, as its calls
// enforce them and its failures quote them.
import { UserError, type Deployment } from '../../core/model';
import type { PayloadLimit } from './payload';

export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;
export const DEFAULT_MAX_CONCURRENCY = 100;
/** Loading a handler may take this long (or the function's timeout, if longer), as on Lambda. */
const MIN_INIT_TIMEOUT_S = 10;
const MIN_MEMORY_MB = 64;

/** A deployed function's limits, as its calls enforce them and its failures quote them. */
export interface FunctionLimits {
  name: string;
  memoryMB: number;
  timeoutS: number;
  initTimeoutS: number;
  maxConcurrency: number;
  /** The largest result a call may answer with; undefined: no limit. */
  maxResponse?: PayloadLimit | undefined;
}

export function limitsOf(d: Deployment, maxConcurrency: number, maxResponse?: PayloadLimit): FunctionLimits {
  return { name: d.name, memoryMB: d.memoryMB, timeoutS: d.timeoutS, initTimeoutS: Math.max(MIN_INIT_TIMEOUT_S, d.timeoutS), maxConcurrency, maxResponse };
}

/** `platform` as a message names it: `local`, `Docker`. */
export function checkLimits(platform: string, memoryMB: number, timeoutS: number): void {
  if (!Number.isFinite(memoryMB) || memoryMB < MIN_MEMORY_MB) {
    throw new UserError(`A memory size of ${memoryMB} MB is too small for a ${platform} function: use ${MIN_MEMORY_MB} MB or more (128 is the usual minimum on clouds)`);
  }
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new UserError(`A timeout of ${timeoutS} s is not possible: use a positive number of seconds`);
}
