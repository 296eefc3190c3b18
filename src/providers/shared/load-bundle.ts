// A cloud platform's code (its SDKs are megabytes) is a bundle of its own, dist/providers/<id>.js,
// required on first use, so extension.js and cli.js neither parse it at start nor carry a copy.
import * as path from 'node:path';
import type { PlatformDescriptor } from './descriptor';

/** The platforms built as separate bundles by esbuild.mjs (dist/providers/<id>.js). */
export type BundledPlatform = 'aws' | 'gcp' | 'azure' | 'docker' | 'openfaas';

/**
 * Modules a platform bundle takes from the bundle that loads it instead of carrying its own copy,
 * so there is one UserError class (the CLI's exit codes test `instanceof`) and one of each shared
 * module; a platform's own descriptor (`providers/<id>/descriptor`) is the one passed to
 * loadPlatformBundle. esbuild.mjs reads these keys (paths under src/, no extension) and fails the
 * build when a module is in both a platform bundle and extension.js or cli.js without being listed.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const HOST_MODULES: Record<string, () => unknown> = {
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
const loadedDescriptors = new Map<string, PlatformDescriptor>();

function hostModule(key: string): unknown {
  const platform = /^providers\/(\w+)\/descriptor$/.exec(key)?.[1];
  const descriptor = platform === undefined ? undefined : loadedDescriptors.get(platform);
  if (descriptor) return { [`${descriptor.id}Platform`]: descriptor };
  const load = HOST_MODULES[key];
  if (!load) throw new Error(`FaaS Lab's build is inconsistent: a platform bundle asks for '${key}', which the host does not provide. Rebuild with 'npm run build'.`);
  return load();
}

/** The platform's provider module: its built bundle beside the running bundle, or its source under tsx (tests, bench). */
export function loadPlatformBundle<T>(descriptor: PlatformDescriptor<never, BundledPlatform>): T {
  // A require() whose argument esbuild cannot read stays a runtime require: the bundle is not inlined.
  const load = require as (file: string) => unknown;
  if (__filename.endsWith('.ts')) return load(path.join(__dirname, '..', descriptor.id, 'provider')) as T;
  loadedDescriptors.set(descriptor.id, descriptor as unknown as PlatformDescriptor);
  (globalThis as Record<symbol, unknown>)[HOST_MODULE_KEY] ??= hostModule;
  return load(path.join(__dirname, 'providers', `${descriptor.id}.js`)) as T;
}
