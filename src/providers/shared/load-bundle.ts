// Code a session may never use is a bundle of its own, required on first use, so extension.js and
// cli.js neither parse it at start nor carry a copy: each platform (a cloud's SDKs are megabytes),
// dist/providers/<id>.js. (The extension's own lazy bundle, which loads the platforms there, is
// src/extension/bundles.ts's.)
import * as path from 'node:path';
import type { PlatformDescriptor } from './descriptor';
import { requireBundle } from './require-bundle';

/** The platforms built as separate bundles by esbuild.mjs (dist/providers/<id>.js). */
export type BundledPlatform = 'local' | 'aws' | 'gcp' | 'azure' | 'docker' | 'openfaas';

/**
 * Modules a platform bundle takes from the bundle that loads it instead of carrying its own copy,
 * so there is one UserError class (the CLI's exit codes test `instanceof`) and one of each shared
 * module; a platform's own descriptor (`providers/<id>/descriptor`) is the one passed to
 * loadPlatformBundle. esbuild.mjs reads these keys (paths under src/, no extension) and fails the
 * build when a module is in both a platform bundle and the bundle loading it without being listed.
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

function hostModule(key: string): unknown {
  const platform = /^providers\/(\w+)\/descriptor$/.exec(key)?.[1];
  const descriptor = platform === undefined ? undefined : loadedDescriptors.get(platform);
  if (descriptor) return descriptor;
  const load = HOST_MODULES[key];
  if (!load) throw new Error(`FaaS Lab's build is inconsistent: a lazy bundle asks for '${key}', which the host does not provide. Rebuild with 'npm run build'.`);
  return load();
}

/**
 * The platform's provider module, dist/providers/<id>.js. Its imports of the platform's descriptor
 * module get `<id>Platform` and whatever else the descriptor module passes in `alsoExported`.
 */
export function loadPlatformBundle<T>(descriptor: PlatformDescriptor<never, BundledPlatform>, alsoExported: Record<string, unknown> = {}): T {
  loadedDescriptors.set(descriptor.id, { [`${descriptor.id}Platform`]: descriptor, ...alsoExported });
  // The extension's lazy bundle, which holds this module there, sees dist/ as its __dirname (esbuild.mjs).
  return requireBundle<T>(
    path.join(__dirname, 'providers', `${descriptor.id}.js`),
    path.join(__dirname, '..', '..', 'providers', descriptor.id, 'provider'),
    HOST_MODULE_KEY,
    hostModule,
  );
}
