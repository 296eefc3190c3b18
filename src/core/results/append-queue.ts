// Appends lines to an open file without blocking the event loop: writes start at most once per
// batchMs, and lines appended meanwhile go out together in the next one, so thousands of records
// per second cost a few dozen writes a second (each write() costs the event loop a threadpool round
// trip, some 0.3 ms here); a line appended after a quiet spell is written at once.
//
// Durability policy: an append resolves once the write() holding its line has returned, so the OS
// has it and a killed process (kill -9) loses none of it; that write starts at most batchMs after
// the append (at once on close). fdatasync runs at most once per syncIntervalMs (and on close), so a power cut
// loses at most the last interval's lines.
import { close, fdatasync, write } from 'node:fs';
import { promisify } from 'node:util';

export const SYNC_INTERVAL_MS = 1000;
/** Least time between two writes' starts: well within a progress report's 100 ms. */
export const BATCH_MS = 25;
/** A batch this long is written without waiting for the rest of its window. */
const MAX_BATCH_LINES = 2000;

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const closeAsync = promisify(close);

/** The lines of one write share one promise: no promise or callback per line. */
interface Batch {
  written: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const written = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { written, resolve, reject };
}

export class AppendQueue {
  private lines: string[] = [];
  /** The promise of the lines queued now (undefined when none are). */
  private batch: Batch | undefined;
  private flushing: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private unsynced = false;
  private syncDue = false;
  private lastSyncMs = performance.now();
  private syncTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private lastWriteMs = -Infinity;
  /** Set by hurry(): lines queued now are written without waiting for the window. */
  private urgent = false;
  private windowTimer: NodeJS.Timeout | undefined;
  private windowEnd: (() => void) | undefined;

  constructor(
    private readonly fd: number,
    private readonly syncIntervalMs = SYNC_INTERVAL_MS,
    private readonly batchMs = BATCH_MS,
  ) {}

  /**
   * Resolves when the line has been written to the file; rejects with the write's error. Lines
   * appended together get the same promise (that of their write), in append order.
   */
  append(line: string): Promise<void> {
    if (this.closing) return Promise.reject(new Error('The file is closed; no more lines can be appended'));
    if (this.failure) return Promise.reject(this.failure.error);
    this.lines.push(line);
    const batch = (this.batch ??= newBatch());
    if (this.lines.length >= MAX_BATCH_LINES) this.endWindow();
    this.flushing ??= this.flush();
    return batch.written;
  }

  /** Writes the lines queued so far without waiting for the batch window (e.g. before a progress report). */
  hurry(): void {
    if (this.lines.length === 0) return;
    this.urgent = true;
    this.endWindow();
  }

  /** Writes what is queued, syncs it to the disk and closes the file. */
  async close(): Promise<void> {
    this.closing = true;
    this.endWindow();
    await this.flushing;
    clearTimeout(this.syncTimer);
    try {
      if (this.unsynced && !this.failure) await fdatasyncAsync(this.fd);
    } finally {
      await closeAsync(this.fd);
    }
  }

  private async flush(): Promise<void> {
    try {
      while (!this.failure && (this.lines.length > 0 || (this.syncDue && this.unsynced))) {
        if (this.lines.length > 0) {
          // Appends made meanwhile (at least those of the same tick) go into this write.
          await this.window();
          await this.writeBatch();
          if (this.lines.length === 0) this.urgent = false;
        }
        if (this.unsynced && (this.syncDue || performance.now() - this.lastSyncMs >= this.syncIntervalMs)) await this.sync();
      }
    } catch (error) {
      this.failure = { error };
      const batch = this.batch;
      this.lines = [];
      this.batch = undefined;
      batch?.reject(error);
    } finally {
      this.flushing = undefined;
    }
  }

  /** Waits until batchMs after the last write began (ref'd: a process must not exit with lines unwritten); close and a full batch end it early. */
  private async window(): Promise<void> {
    const waitMs = this.lastWriteMs + this.batchMs - performance.now();
    if (waitMs < 1 || this.closing || this.urgent || this.lines.length >= MAX_BATCH_LINES) {
      await null;
      return;
    }
    await new Promise<void>((resolve) => {
      this.windowEnd = resolve;
      this.windowTimer = setTimeout(() => this.endWindow(), waitMs);
    });
  }

  private endWindow(): void {
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    const end = this.windowEnd;
    this.windowEnd = undefined;
    end?.();
  }

  private async writeBatch(): Promise<void> {
    this.lastWriteMs = performance.now();
    const batch = this.batch!;
    const bytes = Buffer.from(this.lines.join(''), 'utf8');
    this.lines = [];
    this.batch = undefined;
    try {
      // A write may take fewer bytes than asked (a full disk, a signal): send the rest.
      for (let offset = 0; offset < bytes.length; ) {
        const { bytesWritten } = await writeAsync(this.fd, bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    } catch (err) {
      batch.reject(err);
      throw err;
    }
    this.unsynced = true;
    batch.resolve();
    // A quiet spell after this write still gets its sync within the interval.
    if (!this.closing) this.syncTimer ??= setTimeout(() => {
      this.syncTimer = undefined;
      this.syncDue = true;
      this.flushing ??= this.flush();
    }, this.syncIntervalMs).unref();
  }

  private async sync(): Promise<void> {
    this.unsynced = false;
    this.syncDue = false;
    this.lastSyncMs = performance.now();
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    await fdatasyncAsync(this.fd);
  }
}
