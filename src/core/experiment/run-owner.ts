// Which process is running a run: run.json records the process that writes it (at creation and at
// each resume), so a run whose run.json still says "running" can be told apart from one whose
// process was killed.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../model';
import type { RunInfo, RunStatus } from '../results/run-info';
import { ownerState, type RunOwner } from '../results/run-liveness';
import { RUN_INFO_FILE } from '../results/store';

export type { RunOwner } from '../results/run-liveness';

/** run.json's status and writer, read once; undefined when it cannot be read. */
function readOwnerFields(runDir: string): Pick<Partial<RunInfo>, 'status' | 'owner'> | undefined {
  try {
    return JSON.parse(readFileSync(path.join(runDir, RUN_INFO_FILE), 'utf8')) as Partial<RunInfo>;
  } catch {
    return undefined;
  }
}

function ownerOf(info: Pick<Partial<RunInfo>, 'owner'> | undefined): RunOwner | undefined {
  const owner = info?.owner;
  return typeof owner?.pid === 'number' && typeof owner.hostname === 'string' ? owner : undefined;
}

/** The process run.json names as the run's writer, if any. */
export function readRunOwner(runDir: string): RunOwner | undefined {
  return ownerOf(readOwnerFields(runDir));
}

/** A process on another machine cannot be checked from here: it counts as alive. */
export function ownerAlive(owner: RunOwner): boolean {
  return ownerState(owner) !== 'gone';
}

/**
 * Can be resumed: cancelled (its process wrote how it ended), or still "running" by its run.json
 * while no live process writes it (killed, crashed, or written by a build that recorded no owner).
 */
export function isInterrupted(status: RunStatus, owner: RunOwner | undefined, alive: (owner: RunOwner) => boolean = ownerAlive): boolean {
  if (status === 'cancelled') return true;
  return status === 'running' && (owner === undefined || !alive(owner));
}

/** Refuses a run another live process is running: two sessions would make the same calls twice. */
export function assertNotOwned(runDir: string): void {
  const info = readOwnerFields(runDir);
  const owner = ownerOf(info);
  if (info?.status !== 'running' || !owner || !ownerAlive(owner)) return;
  const where = owner.hostname === os.hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.hostname}`;
  throw new UserError(`${runDir} is being run by ${where}: wait for it to end, or stop that process (Ctrl-C, or kill ${owner.pid}) and resume again`);
}
