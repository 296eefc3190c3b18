// An instance's stdout and stderr, split into calls. The answer and the output travel on
// different paths, so after each call the shim prints an end marker on both streams; a call's
// output is complete once both markers are in. The marker holds a random per-instance nonce the
// handler never sees (it comes with the call request), so no printed text can end a call early.
import { randomBytes } from 'node:crypto';

export type OutputStream = 'stdout' | 'stderr';

/** Most output a call's log keeps (characters); past it lines are counted, then reported as dropped. */
export const MAX_CALL_OUTPUT_CHARS = 4 * 1024 * 1024;
/** After the answer, how long a call waits for the end of its output before its logs are cut. */
export const OUTPUT_END_WAIT_MS = 1_500;
const STREAMS: readonly OutputStream[] = ['stdout', 'stderr'];

export class CallOutput {
  /** The call's kept lines so far; undefined between calls. */
  logs: string[] | undefined;
  private readonly prefix = `[faaslab-end ${randomBytes(12).toString('hex')} `;
  private chars = 0;
  private dropped = 0;
  private callId: number | undefined;
  private pendingStreams = new Set<OutputStream>();
  private readonly closed = new Set<OutputStream>();
  private allIn: (() => void) | undefined;

  /** `keep` writes a kept line to the function's log. */
  constructor(private readonly keep: (stream: OutputStream, line: string) => void) {}

  /** Starts call `id`; returns the marker line the shim prints on each stream once its output ends. */
  begin(id: number): string {
    // Lines printed after the last call was cut, past its allowance, are told before this call's.
    this.noteDropped();
    this.logs = [];
    this.chars = 0;
    this.callId = id;
    // A stream that has ended brings no marker.
    this.pendingStreams = new Set(STREAMS.filter((s) => !this.closed.has(s)));
    return `${this.prefix}${id}]`;
  }

  /**
   * A line read from `stream`: returns the text to treat as output, without any end marker
   * (undefined when the line was only a marker).
   */
  strip(stream: OutputStream, line: string): string | undefined {
    const at = line.indexOf(this.prefix);
    if (at < 0) return line;
    const id = Number.parseInt(line.slice(at + this.prefix.length), 10);
    if (id === this.callId) this.streamDone(stream);
    // A line the handler left without a newline ends just before the marker.
    return at > 0 ? line.slice(0, at) : undefined;
  }

  /** Output text (after strip): kept in the call's logs up to MAX_CALL_OUTPUT_CHARS, counted past it. */
  add(stream: OutputStream, line: string): void {
    this.chars += line.length;
    if (this.chars > MAX_CALL_OUTPUT_CHARS) {
      this.dropped += 1;
      return;
    }
    this.logs?.push(line);
    this.keep(stream, line);
  }

  /** The stream ended (the instance is gone): no marker will come on it. */
  close(stream: OutputStream): void {
    this.closed.add(stream);
    this.streamDone(stream);
  }

  /**
   * The answer is in: resolves with the call's logs once both markers arrived, or after
   * `waitMs` with a note that the rest was cut. The dropped-lines note ends the logs.
   */
  async end(waitMs = OUTPUT_END_WAIT_MS): Promise<string[]> {
    if (this.pendingStreams.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const complete = await new Promise<boolean>((resolve) => {
        this.allIn = () => resolve(true);
        timer = setTimeout(() => resolve(false), waitMs);
      });
      clearTimeout(timer);
      this.allIn = undefined;
      if (!complete) this.note(`[FaaS Lab] output after the answer was cut: the call's output did not end within ${waitMs} ms of its answer; later lines are in the function's log only`);
    }
    this.noteDropped();
    const logs = this.logs ?? [];
    this.logs = undefined;
    this.callId = undefined;
    return logs;
  }

  /** Between calls (e.g. once loaded): tells lines dropped so far and starts counting afresh. */
  settle(): void {
    this.noteDropped();
    this.chars = 0;
  }

  private streamDone(stream: OutputStream): void {
    if (!this.pendingStreams.delete(stream)) return;
    if (this.pendingStreams.size === 0) this.allIn?.();
  }

  private noteDropped(): void {
    if (this.dropped === 0) return;
    const n = this.dropped;
    this.dropped = 0;
    this.note(`[FaaS Lab] ${n} lines dropped: the call printed more than the ${MAX_CALL_OUTPUT_CHARS / 1024 / 1024} MB of output a call's log keeps`);
  }

  private note(text: string): void {
    this.logs?.push(text);
    this.keep('stderr', text);
  }
}
