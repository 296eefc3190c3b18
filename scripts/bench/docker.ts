import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deployIfChanged } from '../../src/core/functions/deploy';
import { resolveFunctionRef } from '../../src/core/functions/find';
import type { Invocation } from '../../src/core/model';
import { DockerProvider } from '../../src/providers/docker';
import { fmt, percentile } from './stats';

const COLD_CALLS = 5;
const WARM_CALLS = 50;
const THROTTLED_CALLS = 5;

/**
 * Docker platform on the engine DOCKER_HOST names: cold start and warm round trip of a Node
 * function, and how long a call beyond maxConcurrency takes to be refused (the tests assert only
 * that it is refused before the running calls end).
 */
export async function benchDocker(examples: string): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-docker-'));
  cpSync(examples, path.join(root, 'examples'), { recursive: true });
  const stateDir = path.join(root, '.faaslab', 'docker');
  const provider = new DockerProvider({ stateDir });
  // A second process's view of the same functions, limited to one container each: the second call is refused.
  const limited = new DockerProvider({ stateDir, maxConcurrency: 1 });
  const names: string[] = [];
  try {
    const readiness = await provider.readiness();
    if (!readiness.ready) return [`Docker: skipped (${readiness.message})`];
    const hello = await deploy(provider, path.join(root, 'examples/hello.js'), names);
    const cold: number[] = [];
    for (let i = 0; i < COLD_CALLS; i++) {
      await provider.recycle(hello);
      cold.push(ok(await provider.invoke(hello, { name: 'bench' }), true).roundTripMs);
    }
    const warm: number[] = [];
    for (let i = 0; i < WARM_CALLS; i++) warm.push(ok(await provider.invoke(hello, { name: 'bench' }), false).roundTripMs);

    const sleeper = await deploy(provider, path.join(root, 'examples/sleeper.ts'), names);
    await limited.invoke(sleeper, { ms: 0 });
    const refused: number[] = [];
    for (let i = 0; i < THROTTLED_CALLS; i++) {
      // Whichever reaches the pool second is refused.
      const pair = await Promise.all([limited.invoke(sleeper, { ms: 300 }), limited.invoke(sleeper, { ms: 300 })]);
      const throttled = pair.find((inv) => inv.status === 'throttled');
      if (!throttled) throw new Error(`expected one of two calls to be throttled, got ${pair.map((inv) => inv.status).join(' and ')}`);
      refused.push(throttled.roundTripMs);
    }
    return [
      `Docker Node cold start round trip p50 ${fmt(percentile(cold, 50))} (n=${COLD_CALLS}) · warm round trip p50 ${fmt(percentile(warm, 50))} (n=${WARM_CALLS})`,
      `Docker throttled call (beyond maxConcurrency) refused in p50 ${fmt(percentile(refused, 50))} (n=${THROTTLED_CALLS})`,
    ];
  } finally {
    await limited.dispose();
    for (const name of names) {
      const d = await provider.get(name).catch(() => undefined);
      if (d) await provider.remove(d).catch(() => undefined);
    }
    await provider.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

async function deploy(provider: DockerProvider, file: string, names: string[]) {
  const spec = await resolveFunctionRef(file);
  const name = `bench-${spec.name}-${process.pid}`;
  names.push(name);
  return (await deployIfChanged({ ...spec, name, platforms: ['docker'] }, provider)).deployment;
}

function ok(inv: Invocation, cold: boolean): Invocation {
  if (inv.status !== 'ok' || inv.cold !== cold) throw new Error(`expected an ok ${cold ? 'cold' : 'warm'} call, got ${inv.status} cold=${inv.cold}: ${inv.error?.message}`);
  return inv;
}
