// Function logs of the platforms that run their own instances: every instance's stdout/stderr
// lines, appended to <function>/logs.jsonl in batches so a chatty handler costs one write per
// event-loop turn.
import { promises as fs } from 'node:fs';
import type { LogEntry } from '../../core/model';

export interface InstanceLogEntry extends LogEntry {
  /** `stdout`, `stderr`, or `platform` for what the platform itself reports. */
  stream: 'stdout' | 'stderr' | 'platform';
  pid?: number;
  /** The instance's metrics uuid, once it is known. */
  instance?: string;
}

/** Longest line kept; a handler printing megabytes in one line should not bloat the log. */
const MAX_LINE_CHARS = 16 * 1024;
/** Past this size logs.jsonl is moved to logs.1.jsonl (replacing it): two files at most. */
const ROTATE_BYTES = 8 * 1024 * 1024;

interface LogFile {
  pending: string[];
  flushing?: Promise<void>;
  size?: number;
}

export class LogStore {
  private readonly files = new Map<string, LogFile>();

  append(file: string, entry: InstanceLogEntry): void {
    let log = this.files.get(file);
    if (!log) {
      log = { pending: [] };
      this.files.set(file, log);
    }
    const message = entry.message.length > MAX_LINE_CHARS ? `${entry.message.slice(0, MAX_LINE_CHARS)}… (${entry.message.length - MAX_LINE_CHARS} more characters)` : entry.message;
    log.pending.push(JSON.stringify({ ...entry, message }) + '\n');
    if (!log.flushing) log.flushing = this.drain(file, log);
  }

  /** Resolves when every line appended so far is on disk. */
  async flush(file?: string): Promise<void> {
    const logs = file ? [this.files.get(file)] : [...this.files.values()];
    await Promise.all(logs.map((l) => l?.flushing));
  }

  /** Stops writing to `file` (its function is being removed): pending lines are dropped. */
  forget(file: string): void {
    const log = this.files.get(file);
    if (log) log.pending.length = 0;
    this.files.delete(file);
  }

  async tail(file: string, limit: number): Promise<InstanceLogEntry[]> {
    await this.flush(file);
    const current = await readLines(file);
    const lines = current.length >= limit ? current : [...(await readLines(rotated(file))), ...current];
    const entries: InstanceLogEntry[] = [];
    for (const line of lines.slice(-limit)) {
      try {
        entries.push(JSON.parse(line) as InstanceLogEntry);
      } catch {
        // A line cut short by a crash mid-write: skip it rather than fail the whole read.
      }
    }
    return entries;
  }

  private async drain(file: string, log: LogFile): Promise<void> {
    // Let the current event-loop turn add its lines first: one write for a burst.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (log.pending.length > 0) {
      try {
        log.size ??= await sizeOf(file);
        // Up to the rotation size, then rotate: a burst larger than it must not grow one file past it.
        if (log.size > 0 && log.size + Buffer.byteLength(log.pending[0]) > ROTATE_BYTES) {
          await fs.rename(file, rotated(file));
          log.size = 0;
        }
        const chunk = takeUpTo(log.pending, ROTATE_BYTES - log.size);
        // No mkdir: a function folder that is gone was removed, and must not come back for a log line.
        // Owner only: logs hold what handlers print.
        await fs.appendFile(file, chunk, { mode: 0o600 });
        log.size += Buffer.byteLength(chunk);
      } catch {
        // Logs are best effort: a full disk or a removed function must not fail invocations.
        log.pending.length = 0;
      }
    }
    log.flushing = undefined;
  }
}

/** Removes and joins the first lines of `pending` up to `maxBytes` (at least one line). */
function takeUpTo(pending: string[], maxBytes: number): string {
  let bytes = 0;
  let n = 0;
  while (n < pending.length && (n === 0 || bytes + Buffer.byteLength(pending[n]) <= maxBytes)) bytes += Buffer.byteLength(pending[n++]);
  return pending.splice(0, n).join('');
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

function rotated(file: string): string {
  return file.replace(/\.jsonl$/, '.1.jsonl');
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await fs.readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
}
