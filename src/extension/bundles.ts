// What activation does not run is a lazy bundle, dist/lazy/features.js (LAZY_BUNDLES below): the
// commands' bodies, the platforms, the Functions view's listing, the results panel, the experiment
// editor, experiment runs and checks. extension.js registers everything with thin handlers that
// load it on first use. The bundle takes the modules below from extension.js instead of carrying a
// second copy; esbuild.mjs reads the keys and fails the build on a missing one.
import * as path from 'node:path';
import { requireBundle } from '../providers/shared/require-bundle';

/**
 * The extension's lazy bundles (dist/lazy/<name>.js): their entry module under src/. esbuild.mjs
 * reads this table; a bundle's code is loaded by loadExtensionBundle, never imported (an import
 * would inline it).
 */
export const LAZY_BUNDLES = {
  // Everything activation does not run (src/extension/lazy-features.ts).
  features: 'extension/lazy-features',
} as const;
export type LazyBundle = keyof typeof LAZY_BUNDLES;

/* eslint-disable @typescript-eslint/no-require-imports */
const EXTENSION_MODULES: Record<string, () => unknown> = {
  'core/annotations/index': () => require('../core/annotations/index'),
  'core/annotations/notebook': () => require('../core/annotations/notebook'),
  'core/annotations/pyLexer': () => require('../core/annotations/pyLexer'),
  'core/bad-input': () => require('../core/bad-input'),
  'core/model': () => require('../core/model'),
  'core/text/line-map': () => require('../core/text/line-map'),
  'core/text/problem-sink': () => require('../core/text/problem-sink'),
  'extension/bundles': () => require('./bundles'),
  'extension/commands/register': () => require('./commands/register'),
  'extension/experiments/files': () => require('./experiments/files'),
  'extension/experiments/run-keys': () => require('./experiments/run-keys'),
  'providers/runs-dir': () => require('../providers/runs-dir'),
  'providers/shared/require-bundle': () => require('../providers/shared/require-bundle'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where a lazy bundle looks up the modules of extension.js (esbuild.mjs writes the same key into it). */
const EXTENSION_MODULE_KEY = Symbol.for('faas-lab.extension-module');

function extensionModule(key: string): unknown {
  const load = EXTENSION_MODULES[key];
  if (!load) throw new Error(`FaaS Lab's build is inconsistent: a lazy bundle asks for '${key}', which extension.js does not provide. Rebuild with 'npm run build'.`);
  return load();
}

/** A lazy bundle's entry module: dist/lazy/<name>.js beside extension.js, or its entry's source under tsx (tests, bench). */
export function loadExtensionBundle<T>(name: LazyBundle): T {
  return requireBundle<T>(path.join(__dirname, 'lazy', `${name}.js`), path.join(__dirname, '..', LAZY_BUNDLES[name]), EXTENSION_MODULE_KEY, extensionModule);
}

let loadedFeatures: typeof import('./lazy-features') | undefined;

/** What activation does not run (src/extension/lazy-features.ts): call it where a feature is first used, never at load or activation. */
export function features(): typeof import('./lazy-features') {
  // Kept: diagnostics and the tree ask on every change, and require() resolves its path each time.
  loadedFeatures ??= loadExtensionBundle<typeof import('./lazy-features')>('features');
  return loadedFeatures;
}
