// How a lazy bundle is loaded, for the platform bundles (load-bundle.ts) and the extension's own
// (src/extension/bundles.ts): the built file beside the running bundle, with the lookup its
// host-module imports call installed first, or under tsx (tests, bench) its entry's source.

/**
 * Requires `built` (an absolute dist/ path) after setting `lookup` under `key` on globalThis, where
 * the bundle's host-module imports find it (esbuild.mjs writes the same key into the bundle);
 * from sources, requires `source` (an absolute path of the entry module) instead.
 */
export function requireBundle<T>(built: string, source: string, key: symbol, lookup: (module: string) => unknown): T {
  // A require() whose argument esbuild cannot read stays a runtime require: the bundle is not inlined.
  const load = require as (file: string) => unknown;
  if (__filename.endsWith('.ts')) return load(source) as T;
  (globalThis as Record<symbol, unknown>)[key] ??= lookup;
  return load(built) as T;
}
