import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveFunctionRef } from '../../src/core/functions/find';
import { buildArtifact } from '../../src/core/packaging';
import { fmt, percentile } from './stats';

const BUILDS = 10;

/** Packaging a Node handler with an npm dependency (esbuild bundle + hash), first and repeated builds. */
export async function benchPackaging(repo: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-pack-'));
  try {
    cpSync(path.join(repo, 'test/fixtures/packaging/with-dep'), dir, { recursive: true });
    const file = path.join(dir, 'handler.ts');
    const spec = await resolveFunctionRef(file);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < BUILDS; i++) {
      // A changed source each time, as in an edit-deploy loop.
      writeFileSync(path.join(dir, 'data.txt'), `build ${i}`);
      const t0 = performance.now();
      const artifact = await buildArtifact(spec, { target: 'local' });
      times.push(performance.now() - t0);
      bytes = artifact.files.reduce((n, f) => n + f.data.byteLength, 0);
    }
    return [`packaging a TypeScript handler with an npm dependency: first ${fmt(times[0])} · p50 ${fmt(percentile(times.slice(1), 50))} over ${BUILDS - 1} rebuilds · artifact ${(bytes / 1024).toFixed(1)} KiB`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sizes of what the .vsix ships (run `npm run build` first; production builds are smaller). */
export function bundleSizes(repo: string): string[] {
  const kib = (p: string) => {
    try {
      return `${(statSync(path.join(repo, p)).size / 1024).toFixed(0)} KiB`;
    } catch {
      return 'not built';
    }
  };
  return [`bundles: extension.js ${kib('dist/extension.js')} · cli.js ${kib('dist/cli.js')} · lazy features ${kib('dist/lazy/features.js')} · local platform ${kib('dist/providers/local.js')} · results webview ${kib('dist/webviews/results.js')} · experiment editor webview ${kib('dist/webviews/experiment.js')} · vsix ${kib('dist/faas-lab.vsix')}`];
}
