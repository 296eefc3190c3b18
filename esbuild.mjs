// Builds every bundle FaaS Lab ships: extension host, CLI, runtime shims (and webviews).
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

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

// Each cloud platform is a bundle of its own, required on first use (src/providers/shared/load-bundle.ts):
// extension.js and cli.js stay small and share one copy of each SDK.
const PLATFORM_BUNDLES = ['local', 'aws', 'gcp', 'azure', 'docker', 'openfaas'];
const SRC = path.resolve('src');
/** `'key': () => require(…)` lines of a host-module table (paths under src/, no extension). */
const tableKeys = (file) => [...readFileSync(file, 'utf8').matchAll(/^\s*'([\w/-]+)': \(\) => require\(/gm)].map((m) => m[1]);
// The modules a platform bundle takes from the bundle that loads it (HOST_MODULES in load-bundle.ts, and its descriptor).
const HOST_MODULE_KEYS = new Set([...tableKeys('src/providers/shared/load-bundle.ts'), ...PLATFORM_BUNDLES.map((id) => `providers/${id}/descriptor`)]);
// The extension's lazy bundle (LAZY_BUNDLES in src/extension/bundles.ts): all that activation does not run, the
// platforms' host modules included; it takes the modules extension.js provides it (EXTENSION_MODULES there).
const LAZY_BUNDLES = Object.fromEntries(
  [...readFileSync('src/extension/bundles.ts', 'utf8').split('export const LAZY_BUNDLES = {')[1].split('}')[0].matchAll(/'?([\w-]+)'?: '([\w/-]+)'/g)].map((m) => [m[1], m[2]]),
);
const EXTENSION_MODULE_KEYS = new Set(tableKeys('src/extension/bundles.ts'));

/**
 * In a lazy bundle: host modules become a lookup in the bundle that loads it (under Symbol.for(`symbol`), set by
 * load-bundle.ts for platform bundles and by src/extension/bundles.ts for the extension's), dockerode the one shared
 * dockerode bundle.
 */
const lazyBundlePlugin = (hostKeys, symbol) => ({
  name: 'faas-lab-lazy-bundle',
  setup(build) {
    build.onResolve({ filter: /^dockerode$/ }, () => ({ path: './dockerode.js', external: true }));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (!args.importer.startsWith(SRC)) return undefined;
      const rel = path.relative(SRC, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/');
      const key = [rel, `${rel}/index`].find((k) => hostKeys.has(k));
      return key ? { path: key, namespace: 'faas-lab-host' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'faas-lab-host' }, (args) => ({
      contents: `module.exports = globalThis[Symbol.for(${JSON.stringify(symbol)})](${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
});

const hostBuilds = [
  // The banner stamps when the bundle starts evaluating, so activate() can report the whole activation time.
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', banner: { js: 'globalThis.__faasLabLoadStart = performance.now();' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
const platformBuilds = [
  ...PLATFORM_BUNDLES.map((id) => ({ ...common, entryPoints: [`src/providers/${id}/provider.ts`], outfile: `dist/providers/${id}.js`, plugins: [lazyBundlePlugin(HOST_MODULE_KEYS, 'faas-lab.host-module')] })),
  // Its modules were written to run from extension.js (they find dist/runtime, dist/cli.js and dist/providers beside
  // __dirname): in dist/lazy/, __dirname is still dist/.
  ...Object.entries(LAZY_BUNDLES).map(([name, source]) => ({
    ...common,
    entryPoints: [`src/${source}.ts`],
    outfile: `dist/lazy/${name}.js`,
    plugins: [lazyBundlePlugin(EXTENSION_MODULE_KEYS, 'faas-lab.extension-module')],
    banner: { js: 'var __faasLabDist = require("path").dirname(__dirname);' },
    define: { __dirname: '__faasLabDist' },
  })),
  // dockerode (with ssh2) serves Docker, AWS (container images) and OpenFaaS (its images): one copy for all.
  { ...common, stdin: { contents: "module.exports = require('dockerode');", resolveDir: '.', loader: 'js' }, outfile: 'dist/providers/dockerode.js' },
];
const builds = [
  ...hostBuilds,
  ...platformBuilds,
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
  rmSync('dist/providers', { recursive: true, force: true });
  rmSync('dist/lazy', { recursive: true, force: true });
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
  copyPythonRuntime();
  chmodSync('dist/cli.js', 0o755);
  const metafile = { inputs: {}, outputs: {} };
  for (const r of results) {
    Object.assign(metafile.inputs, r.metafile.inputs);
    Object.assign(metafile.outputs, r.metafile.outputs);
  }
  // What each bundle holds, for `npm run bench` and test/unit/bundle (not shipped: .vscodeignore).
  writeFileSync('dist/metafile.json', JSON.stringify(metafile));
  checkNoSharedCopies(metafile);
}

/**
 * A source module in a lazy bundle and in the bundle that loads it (extension.js, cli.js, or the extension's
 * features.js for platforms), or in two lazy bundles, would be two copies (two UserError classes, twice the bytes).
 */
function checkNoSharedCopies(metafile) {
  const srcInputs = (out) => Object.keys(metafile.outputs[out]?.inputs ?? {}).filter((f) => f.startsWith('src/'));
  const extension = new Set(srcInputs('dist/extension.js'));
  const platforms = PLATFORM_BUNDLES.map((id) => `dist/providers/${id}.js`);
  const features = Object.keys(LAZY_BUNDLES).map((name) => `dist/lazy/${name}.js`);
  // Platform bundles are loaded by cli.js and by the extension's features.js (which takes modules of extension.js);
  // the feature bundles by extension.js only.
  const host = new Set([...extension, ...srcInputs('dist/cli.js'), ...features.flatMap(srcInputs)]);
  const twice = [
    ...platforms.flatMap((out) => srcInputs(out).filter((f) => host.has(f)).map((f) => `${f} (${out})`)),
    ...features.flatMap((out) => srcInputs(out).filter((f) => extension.has(f)).map((f) => `${f} (${out})`)),
  ];
  if (twice.length > 0) {
    console.error(`esbuild.mjs: these modules are in a lazy bundle and in extension.js or cli.js; add them to HOST_MODULES in src/providers/shared/load-bundle.ts (platform code) or EXTENSION_MODULES in src/extension/bundles.ts:\n  ${twice.join('\n  ')}`);
    process.exitCode = 1;
  }
  const seen = new Map();
  const inTwo = [];
  // Between platform bundles (a cloud's shared helpers) some duplication is accepted; the benchmark measures it.
  for (const out of [...features, 'dist/providers/local.js']) for (const f of srcInputs(out)) {
    if (seen.has(f)) inTwo.push(`${f} (${seen.get(f)} and ${out})`);
    else seen.set(f, out);
  }
  if (inTwo.length > 0) {
    console.error(`esbuild.mjs: these modules are in two lazy bundles; let the bundle that loads them provide them:\n  ${inTwo.join('\n  ')}`);
    process.exitCode = 1;
  }
}
