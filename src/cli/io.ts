import { once } from 'node:events';
import { createInterface } from 'node:readline/promises';

/** Where CLI commands write; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (live progress lines are drawn only then). */
  isTTY: boolean;
  /**
   * Writes `text` as it is to stdout and, when the pipe is full, resolves once it drained: a long
   * output streamed with it stays out of memory (a slow reader of `export --csv`). Absent: use out.
   */
  write?(text: string): void | Promise<void>;
  /** Asks a question at the terminal and resolves with the answer; absent when there is no terminal to ask at. */
  ask?(question: string): Promise<string>;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  write: (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
  isTTY: Boolean(process.stdout.isTTY),
  ...(process.stdin.isTTY && process.stdout.isTTY ? { ask: askAtTerminal } : {}),
};

async function askAtTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** Exit codes a script can branch on. */
export const Exit = {
  ok: 0,
  /** The function ran and failed (error, timeout, throttled) or the run recorded failures. */
  functionFailed: 1,
  /** Bad arguments or a bad input file: fix the command. */
  usage: 2,
  /** The platform is not set up or refused the operation. */
  platform: 3,
  cancelled: 130,
} as const;
