// Whether a run whose run.json still says "running" really is: its process may have been killed
// (SIGKILL, a crash, a closed laptop) before it could write how it ended. run.json records the
// process that writes the run; a reader checks that process is still there.
import { createReadStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The process writing a run: on this host, its pid tells whether the run still goes on. */
export interface RunOwner {
  pid: number;
  hostname: string;
}

export function currentRunOwner(): RunOwner {
  return { pid: process.pid, hostname: os.hostname() };
}

/**
 * `alive`: the writing process still exists; `gone`: it does not, so the run was interrupted;
 * `unknown`: it runs on another host, or the run was written without an owner.
 */
export function ownerState(owner: RunOwner | undefined): 'alive' | 'gone' | 'unknown' {
  if (owner === undefined || owner.hostname !== os.hostname()) return 'unknown';
  if (owner.pid === process.pid) return 'alive';
  try {
    // Signal 0 checks the process exists without touching it.
    process.kill(owner.pid, 0);
    return 'alive';
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'gone';
  }
}

/** Complete lines in a run's invocations.jsonl: the calls recorded so far (run.json counts them only at the end). */
export async function countRecordedCalls(runDir: string, recordsFile = 'invocations.jsonl'): Promise<number> {
  let lines = 0;
  try {
    for await (const chunk of createReadStream(path.join(runDir, recordsFile))) {
      const bytes = chunk as Buffer;
      for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return lines;
}
