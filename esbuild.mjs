// Builds every bundle FaaS Lab ships: extension host, CLI, runtime shims (and webviews).
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.env.NODE_ENV === 'production';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build does not.
  mainFields: ['module', 'main'],
  // bundle-externals.json: esbuild itself packages user handlers at deploy time, so it ships as a
  // dependency; dockerode's optional ssh2 native add-ons are loaded only if present.
  external: JSON.parse(readFileSync('bundle-externals.json', 'utf8')),
};

const builds = [
  // The banner stamps when the bundle starts evaluating, so activate() can report the whole activation time.
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', banner: { js: 'globalThis.__faasLabLoadStart = performance.now();' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The Node shim is bundled again with each user handler; shipping it pre-built keeps deploys fast.
  { ...common, entryPoints: ['src/core/runtime/node/index.ts'], outfile: 'dist/runtime/node/index.js', sourcemap: false },
  // SAAF's Inspector for handlers that require('./Inspector') without shipping one (src/core/packaging/saaf.ts).
  { ...common, entryPoints: ['src/core/runtime/node/saaf-inspector.ts'], outfile: 'dist/runtime/node/saaf-inspector.js', sourcemap: false },
  // Cloud HTTP adapters, required by the bundles built for Google (gcp) and Azure (azure, with @azure/functions inlined).
  { ...common, entryPoints: ['src/core/runtime/node/gcp.ts'], outfile: 'dist/runtime/node/gcp.js', sourcemap: false, external: [...common.external, '@google-cloud/functions-framework'] },
  { ...common, entryPoints: ['src/core/runtime/node/azure.ts'], outfile: 'dist/runtime/node/azure.js', sourcemap: false, external: [...common.external, '@azure/functions-core'] },
];

const webviewDir = 'src/webviews';
for (const name of existsSync(webviewDir) ? readdirSync(webviewDir) : []) {
  const entry = `${webviewDir}/${name}/main.ts`;
  if (existsSync(entry)) {
    builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', minify: production, entryPoints: [entry], outfile: `dist/webviews/${name}.js` });
  }
}

function copyPythonRuntime() {
  mkdirSync('dist/runtime/python', { recursive: true });
  for (const f of readdirSync('src/core/runtime/python').filter((n) => n.endsWith('.py'))) {
    cpSync(`src/core/runtime/python/${f}`, `dist/runtime/python/${f}`);
  }
}

if (watch) {
  copyPythonRuntime();
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  rmSync('dist/runtime', { recursive: true, force: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyPythonRuntime();
  chmodSync('dist/cli.js', 0o755);
}
