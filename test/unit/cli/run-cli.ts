// Runs the CLI in-process against a workspace folder and collects what it printed.
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';

export type CliRun = (...argv: string[]) => Promise<{ code: number; out: string; err: string }>;

/** `faas-lab <argv> --root <root>`, with stdout and stderr as strings. */
export function cliAt(root: string): CliRun {
  return async (...argv) => {
    let out = '';
    let err = '';
    const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTTY: false };
    const code = await runCli([...argv, '--root', root], io, new AbortController().signal);
    return { code, out, err };
  };
}
