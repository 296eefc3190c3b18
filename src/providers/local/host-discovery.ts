// How clients find a workspace's local host: `.faaslab/local/host.json` (pid, port, token; mode
// 0600, written by the host once it listens) and `host.lock`, held by whoever is starting a host so
// two callers never start two. A file left by a killed host or starter is told apart by its pid.
import { closeSync, existsSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';

export interface HostDiscovery {
  pid: number;
  port: number;
  token: string;
  startedAt: string;
  /** Ready-made addresses: FaaS Lab's API, the AWS Lambda endpoint URL, OpenFaaS-style function URLs. */
  urls: { api: string; aws: string; openfaas: string };
}

export interface HostFiles {
  dir: string;
  discovery: string;
  lock: string;
  log: string;
}

export function hostFiles(root: string): HostFiles {
  const dir = path.join(root, '.faaslab', 'local');
  return { dir, discovery: path.join(dir, 'host.json'), lock: path.join(dir, 'host.lock'), log: path.join(dir, 'host.log') };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but is not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The discovery file as written, or undefined when there is none or it is not one. */
export function readDiscovery(file: string): HostDiscovery | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as HostDiscovery;
    return typeof value.port === 'number' && typeof value.token === 'string' && typeof value.pid === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Publishes a host: created exclusively (mode 0600), so a second host of the same workspace finds the
 * first one's file and stops. A file whose pid is gone is stale and replaced. Returns the pid of a
 * live host that holds the file instead, or undefined when `discovery` was published.
 */
export function publishDiscovery(file: string, discovery: HostDiscovery): number | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    const holder = createExclusive(file, JSON.stringify(discovery, null, 2) + '\n');
    if (holder === 'created') return undefined;
    const existing = readDiscovery(file);
    if (existing && existing.pid !== discovery.pid && processAlive(existing.pid)) return existing.pid;
    removeIfSame(file, existing);
  }
  throw new Error(`Could not write ${file}: it keeps being replaced`);
}

/** Removes the discovery file if it still names `pid` (a newer host's file is left alone). */
export function withdrawDiscovery(file: string, pid: number): void {
  if (readDiscovery(file)?.pid === pid) removeIfSame(file, readDiscovery(file));
}

/** Whether the discovery file still names this host (a deleted workspace or a replacing host: no). */
export function discoveryNames(file: string, pid: number): boolean {
  return readDiscovery(file)?.pid === pid;
}

/**
 * Takes the starter's lock: created exclusively with this process's pid. A lock whose pid is gone
 * (a starter killed while starting) is broken. Returns the release function, or undefined while
 * another live process holds it.
 */
export function tryLock(file: string): (() => void) | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusive(file, String(process.pid)) === 'created') {
      return () => {
        if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
      };
    }
    const holder = Number(safeRead(file));
    if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) return undefined;
    // Moved aside before removal: of two callers breaking the same stale lock, one moves it.
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
      unlinkSync(aside);
    } catch {
      // Another caller broke it first.
    }
  }
  return undefined;
}

function createExclusive(file: string, text: string): 'created' | 'exists' {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return 'created';
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function removeIfSame(file: string, seen: HostDiscovery | undefined): void {
  if (!existsSync(file)) return;
  const now = readDiscovery(file);
  if (seen === undefined ? now !== undefined : now?.pid !== seen.pid) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
