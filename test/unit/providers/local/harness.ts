// A LocalProvider over a fresh temp state folder, disposed (processes stopped, folder deleted)
// when the test ends, plus deploying fixture handlers to it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Deployment, FunctionSpec } from '../../../../src/core/model';
import { LocalProvider, type LocalProviderOptions } from '../../../../src/providers/local';
import { fixtureArtifact, fixtureSpec } from '../../../fixtures/handlers/artifacts';

export interface Harness {
  provider: LocalProvider;
  stateDir: string;
  deploy(file: string, handler: string, overrides?: Partial<FunctionSpec>): Promise<Deployment>;
  /** Another provider over the same state folder (a restart), disposed with the test. */
  reopen(options?: Partial<LocalProviderOptions>): LocalProvider;
}

export function harness(t: TestContext, options: Partial<LocalProviderOptions> = {}): Harness {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-local-test-'));
  const stateDir = path.join(root, '.faaslab', 'local');
  const providers = [new LocalProvider({ stateDir, ...options })];
  t.after(async () => {
    await Promise.all(providers.map((p) => p.dispose()));
    rmSync(root, { recursive: true, force: true });
  });
  const provider = providers[0];
  return {
    provider,
    stateDir,
    async deploy(file, handler, overrides = {}) {
      const spec = fixtureSpec(file, handler, overrides);
      return provider.deploy(spec, await fixtureArtifact(spec));
    },
    reopen(more = {}) {
      const p = new LocalProvider({ stateDir, ...options, ...more });
      providers.push(p);
      return p;
    },
  };
}

/** The pid of the function's newest instance, from its log, once it has started (slow machines: polls). */
export async function instancePid(provider: LocalProvider, d: Deployment, timeoutMs = 10_000): Promise<number> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    const started = (await provider.logs(d, { limit: 50 })).filter((e) => e.stream === 'platform' && /instance started/.test(e.message));
    const pid = started.at(-1)?.pid;
    if (pid !== undefined) return pid;
    await sleep(50);
  }
  throw new Error(`${d.name} has no started instance after ${timeoutMs} ms`);
}

/** Polls until `check` holds (true) or `timeoutMs` passes (false): exits take longer on a loaded machine. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 25) {
    if (check()) return true;
    await sleep(25);
  }
  return check();
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a process is still alive (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
