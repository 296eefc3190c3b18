import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { fmt, percentile } from './stats';

// Issue #17's figures before the cloud platforms became bundles of their own.
const BASELINE = { extensionKB: 4900, loadMs: 112 };
const TARGET = { extensionKB: 500, loadMs: 20 };

// Node built-ins VS Code's extension host has loaded before it loads an extension (its own network,
// process and file code): there, requiring them costs an extension nothing.
const HOST_BUILTINS = ['child_process', 'crypto', 'events', 'fs/promises', 'http', 'https', 'net', 'os', 'readline', 'stream', 'url', 'util', 'zlib'];

/** p50 of 10 fresh processes each timing the require of `bundle`, `vscode` an empty module, after requiring `preload`. */
function loadP50(bundle: string, preload: readonly string[] = []): number {
  const script = `
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: {} };
    for (const m of ${JSON.stringify(preload)}) require(m);
    const t0 = performance.now();
    require(${JSON.stringify(bundle)});
    process.stdout.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < 10; i++) times.push(Number(execFileSync(process.execPath, ['-e', script]).toString()));
  return percentile(times, 50);
}

/**
 * Most of an extension's activation is loading its bundle. This times parsing and evaluating
 * dist/extension.js in a fresh Node process, `vscode` resolving to an empty module (activate()
 * itself only registers providers; the extension logs its real activation time in VS Code's
 * "FaaS Lab" output channel): the build as it is, the same with the built-ins the extension host
 * has loaded already, and minified as the .vsix ships it (`npm run package`).
 */
export function benchActivation(repo: string): string[] {
  const bundle = path.join(repo, 'dist/extension.js');
  if (!existsSync(bundle)) return ['extension bundle: not built (npm run build)'];
  const code = readFileSync(bundle, 'utf8');
  const development = code.includes('//# sourceMappingURL=');
  const build = development ? 'development build; `npm run package` builds the minified one' : 'production build';
  const lines = [
    `extension.js ${kb(bundle)} KB (${build}; issue #17: ${BASELINE.extensionKB} KB, target ≤ ${TARGET.extensionKB} KB)`,
    `extension bundle load (parse + evaluate, fresh process), ${development ? 'development' : 'production'} build: p50 ${fmt(loadP50(bundle))} over 10 runs (issue #17: ${BASELINE.loadMs} ms, target ≤ ${TARGET.loadMs} ms); the extension logs its full activation time in the FaaS Lab output channel`,
    `  the same with the extension host's Node built-ins loaded already (${HOST_BUILTINS.join(', ')}): p50 ${fmt(loadP50(bundle, HOST_BUILTINS))}`,
  ];
  if (development) {
    // The production build is this one minified, without its source map (esbuild.mjs, NODE_ENV=production).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-bench-'));
    try {
      const minified = path.join(dir, 'extension.js');
      writeFileSync(minified, transformSync(code, { minify: true, target: 'node20', sourcemap: false }).code);
      lines.push(`  production build (minified, ${kb(minified)} KB): p50 ${fmt(loadP50(minified))}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return [...lines, ...platformBundles(repo)];
}

const kb = (file: string) => (statSync(file).size / 1000).toFixed(0);

/** Sizes of the lazy bundles (required on first use) and what weighs most in extension.js, from esbuild's metafile. */
function platformBundles(repo: string): string[] {
  const dir = path.join(repo, 'dist/providers');
  const sizeOf = (file: string, name: string) => `${name} ${existsSync(file) ? `${kb(file)} KB` : 'not built'}`;
  const sizes = ['local', 'aws', 'gcp', 'azure', 'docker', 'openfaas', 'dockerode'].map((id) => sizeOf(path.join(dir, `${id}.js`), id));
  const lines = [
    `platform bundles, loaded on first use: ${sizes.join(' · ')}`,
    `extension features (command bodies, platforms, Functions view listing, results panel, experiment editor, runs and checks), loaded on first use: ${sizeOf(path.join(repo, 'dist/lazy/features.js'), 'features')}`,
  ];
  const metafile = path.join(repo, 'dist/metafile.json');
  if (!existsSync(metafile)) return lines;
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const parts = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(meta.outputs['dist/extension.js']?.inputs ?? {})) {
    const part = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 3).join('/');
    parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
  }
  const biggest = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6);
  lines.push(`biggest parts of extension.js: ${biggest.map(([part, bytes]) => `${part} ${(bytes / 1000).toFixed(0)} KB`).join(' · ')}`);
  return lines;
}
