// Which process is running a run: a small file beside run.json while a process has it open, so a
// run whose run.json still says "running" can be told apart from one whose process was killed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../model';
import type { RunStatus } from '../results/run-info';

export const RUN_OWNER_FILE = 'run.owner.json';

export interface RunOwner {
  pid: number;
  hostname: string;
  /** When this process took the run (ISO time). */
  since: string;
}

/** Marks the run as this process's until the returned release is called. */
export function claimRun(runDir: string): () => void {
  const file = path.join(runDir, RUN_OWNER_FILE);
  const owner: RunOwner = { pid: process.pid, hostname: os.hostname(), since: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(owner) + '\n');
  return () => rmSync(file, { force: true });
}

export function readRunOwner(runDir: string): RunOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path.join(runDir, RUN_OWNER_FILE), 'utf8')) as Partial<RunOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string' ? (owner as RunOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** A process on another machine cannot be checked from here: it counts as alive. */
export function ownerAlive(owner: RunOwner, hostname = os.hostname()): boolean {
  if (owner.hostname !== hostname) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Running or cancelled by its run.json, and no live process has it: it can be resumed. */
export function isInterrupted(status: RunStatus, owner: RunOwner | undefined, alive: (owner: RunOwner) => boolean = ownerAlive): boolean {
  return (status === 'running' || status === 'cancelled') && (owner === undefined || !alive(owner));
}

/** Refuses a run another live process is running: two sessions would make the same calls twice. */
export function assertNotOwned(runDir: string): void {
  const owner = readRunOwner(runDir);
  if (!owner || !ownerAlive(owner)) return;
  const where = owner.hostname === os.hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.hostname}`;
  throw new UserError(
    `${runDir} is being run by ${where} (since ${owner.since}): wait for it to end or stop it; if that process is gone, delete ${path.join(runDir, RUN_OWNER_FILE)} and resume again`,
  );
}
