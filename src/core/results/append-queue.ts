// Appends lines to an open file without blocking the event loop: lines appended while a write is in
// flight go out together in the next write, so thousands of records per second cost a few writes.
//
// Durability policy: an append resolves once the write() holding its line has returned, so the OS
// has it and a killed process (kill -9) loses none of it; fdatasync runs at most once per
// syncIntervalMs (and on close), so a power cut loses at most the last interval's lines.
import { close, fdatasync, write } from 'node:fs';
import { promisify } from 'node:util';

export const SYNC_INTERVAL_MS = 1000;

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);
const closeAsync = promisify(close);

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

export class AppendQueue {
  private lines: string[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private unsynced = false;
  private syncDue = false;
  private lastSyncMs = performance.now();
  private syncTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly fd: number,
    private readonly syncIntervalMs = SYNC_INTERVAL_MS,
  ) {}

  /** Resolves when the line has been written to the file; rejects with the write's error. */
  append(line: string): Promise<void> {
    if (this.closing) return Promise.reject(new Error('The file is closed; no more lines can be appended'));
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise<void>((resolve, reject) => {
      this.lines.push(line);
      this.waiters.push({ resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Writes what is queued, syncs it to the disk and closes the file. */
  async close(): Promise<void> {
    this.closing = true;
    await this.flushing;
    clearTimeout(this.syncTimer);
    try {
      if (this.unsynced && !this.failure) await fdatasyncAsync(this.fd);
    } finally {
      await closeAsync(this.fd);
    }
  }

  private async flush(): Promise<void> {
    // Appends made in the same tick as the first one go into its write.
    await null;
    try {
      while (!this.failure && (this.lines.length > 0 || (this.syncDue && this.unsynced))) {
        if (this.lines.length > 0) await this.writeBatch();
        if (this.unsynced && (this.syncDue || performance.now() - this.lastSyncMs >= this.syncIntervalMs)) await this.sync();
      }
    } catch (error) {
      this.failure = { error };
      const waiters = this.waiters;
      this.lines = [];
      this.waiters = [];
      for (const w of waiters) w.reject(error);
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeBatch(): Promise<void> {
    const waiters = this.waiters;
    const bytes = Buffer.from(this.lines.join(''), 'utf8');
    this.lines = [];
    this.waiters = [];
    try {
      // A write may take fewer bytes than asked (a full disk, a signal): send the rest.
      for (let offset = 0; offset < bytes.length; ) {
        const { bytesWritten } = await writeAsync(this.fd, bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
    } catch (err) {
      for (const w of waiters) w.reject(err);
      throw err;
    }
    this.unsynced = true;
    for (const w of waiters) w.resolve();
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
