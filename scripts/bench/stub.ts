import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** Starts the loopback HTTP function stub in its own process, so client and server do not share an event loop. */
export async function startStub(sleepMs: number): Promise<{ url: string; stop(): void; child: ChildProcess }> {
  const main = path.resolve(__dirname, '../../test/fixtures/http-stub/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--sleep-ms', String(sleepMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`stub exited with ${code}`)));
  });
  return { url: first.trim(), child, stop: () => child.kill('SIGTERM') };
}

