import { execFileSync } from 'node:child_process';
import * as os from 'node:os';

/** One line describing where the figures were measured. */
export function describeMachine(): string {
  let python = 'python3 not found';
  try {
    python = execFileSync('python3', ['--version']).toString().trim();
  } catch {
    // reported as missing
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.type()} ${os.release()} · ${cpu} × ${os.cpus().length} · ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB · node ${process.version} · ${python}`;
}
