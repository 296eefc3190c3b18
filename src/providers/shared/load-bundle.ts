// Code a session may never use is a bundle of its own, required on first use, so extension.js and
// cli.js neither parse it at start nor carry a copy: each platform (a cloud's SDKs are megabytes),
// dist/providers/<id>.js, and the extension's features that run only once asked for, dist/lazy/<name>.js.
import * as path from 'node:path';
import type { PlatformDescriptor } from './descriptor';

/** The platforms built as separate bundles by esbuild.mjs (dist/providers/<id>.js). */
export type BundledPlatform = 'local' | 'aws' | 'gcp' | 'azure' | 'docker' | 'openfaas';

/**
 * The other lazy bundles (dist/lazy/<name>.js): their entry module under src/. esbuild.mjs reads
 * this table; a bundle's code is loaded by loadBundle, never imported (an import would inline it).
 */
export const LAZY_BUNDLES = {
  // The extension's results panel, experiment editor and experiment runs (src/extension/lazy-features.ts).
  features: 'extension/lazy-features',
} as const;
export type LazyBundle = keyof typeof LAZY_BUNDLES;

/**
 * Modules a lazy bundle takes from the bundle that loads it instead of carrying its own copy,
 * so there is one UserError class (the CLI's exit codes test `instanceof`) and one of each shared
 * module; a platform's own descriptor (`providers/<id>/descriptor`) is the one passed to
 * loadPlatformBundle. esbuild.mjs reads these keys (paths under src/, no extension) and fails the
 * build when a module is in both a platform bundle and extension.js or cli.js without being listed.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const HOST_MODULES: Record<string, () => unknown> = {
  'core/bad-input': () => require('../../core/bad-input'),
  'core/model': () => require('../../core/model'),
  'core/packaging/index': () => require('../../core/packaging/index'),
  'core/packaging/zip': () => require('../../core/packaging/zip'),
  'core/state-dir': () => require('../../core/state-dir'),
  'providers/shared/call-output': () => require('./call-output'),
  'providers/shared/deployments': () => require('./deployments'),
  'providers/shared/failure-messages': () => require('./failure-messages'),
  'providers/shared/instance-call': () => require('./instance-call'),
  'providers/shared/instance-failure': () => require('./instance-failure'),
  'providers/shared/instance-platform': () => require('./instance-platform'),
  'providers/shared/limits': () => require('./limits'),
  'providers/shared/lines': () => require('./lines'),
  'providers/shared/links': () => require('./links'),
  'providers/shared/log-store': () => require('./log-store'),
  'providers/shared/names': () => require('./names'),
  'providers/shared/nested-calls': () => require('./nested-calls'),
  'providers/shared/payload': () => require('./payload'),
  'providers/shared/pip': () => require('./pip'),
  'providers/shared/round': () => require('./round'),
  'providers/shared/saaf': () => require('./saaf'),
  'providers/shared/shim-answer': () => require('./shim-answer'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where a platform bundle looks up host modules (esbuild.mjs writes the same key into each bundle). */
const HOST_MODULE_KEY = Symbol.for('faas-lab.host-module');
/** Per loaded platform: what its descriptor module exports to its bundle. */
const loadedDescriptors = new Map<string, Record<string, unknown>>();
/** Host modules a host adds for its own lazy bundles (the extension's: src/extension/lazy-bundles.ts). */
const providedModules = new Map<string, () => unknown>();

/**
 * Adds modules of the host (the bundle that calls this) to those its lazy bundles take from it.
 * The table must be a literal `'key': () => require('…'),` per line: esbuild.mjs reads its keys.
 */
export function provideHostModules(modules: Record<string, () => unknown>): void {
  for (const [key, load] of Object.entries(modules)) providedModules.set(key, load);
}

function hostModule(key: string): unknown {
  const platform = /^providers\/(\w+)\/descriptor$/.exec(key)?.[1];
  const descriptor = platform === undefined ? undefined : loadedDescriptors.get(platform);
  if (descriptor) return descriptor;
  const load = HOST_MODULES[key] ?? providedModules.get(key);
  if (!load) throw new Error(`FaaS Lab's build is inconsistent: a lazy bundle asks for '${key}', which the host does not provide. Rebuild with 'npm run build'.`);
  return load();
}

/** A built bundle beside the running bundle (dist/<file>), or its entry's source under tsx (tests, bench). */
function requireBundle<T>(file: string, source: string): T {
  // A require() whose argument esbuild cannot read stays a runtime require: the bundle is not inlined.
  const load = require as (file: string) => unknown;
  if (__filename.endsWith('.ts')) return load(path.join(__dirname, '..', '..', source)) as T;
  (globalThis as Record<symbol, unknown>)[HOST_MODULE_KEY] ??= hostModule;
  return load(path.join(__dirname, file)) as T;
}

/**
 * The platform's provider module, dist/providers/<id>.js. Its imports of the platform's descriptor
 * module get `<id>Platform` and whatever else the descriptor module passes in `alsoExported`.
 */
export function loadPlatformBundle<T>(descriptor: PlatformDescriptor<never, BundledPlatform>, alsoExported: Record<string, unknown> = {}): T {
  loadedDescriptors.set(descriptor.id, { [`${descriptor.id}Platform`]: descriptor, ...alsoExported });
  return requireBundle<T>(path.join('providers', `${descriptor.id}.js`), `providers/${descriptor.id}/provider`);
}

/** A lazy bundle's entry module, dist/lazy/<name>.js: call it where the feature is first used, not at load or activation. */
export function loadBundle<T>(name: LazyBundle): T {
  return requireBundle<T>(path.join('lazy', `${name}.js`), LAZY_BUNDLES[name]);
}
