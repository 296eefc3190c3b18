// Which esbuild bundles Node handlers. The native one is fast, but the .vsix ships only the binary
// of the machine that packaged it; on any other OS or CPU the portable esbuild-wasm (same API,
// slower) bundles instead, so deploying works everywhere and stays fast where the binary fits.
import type * as Esbuild from 'esbuild';

export type EsbuildApi = Pick<typeof Esbuild, 'build' | 'transform' | 'version'>;

export interface LoadedEsbuild {
  api: EsbuildApi;
  kind: 'native' | 'wasm';
  /** Why the native esbuild could not be used (wasm only). */
  nativeError?: string;
}

export interface EsbuildLoaders {
  native: () => Promise<EsbuildApi>;
  wasm: () => Promise<EsbuildApi>;
}

// require() on first use: esbuild-wasm (14 MB) is never loaded where the native binary works.
/* eslint-disable @typescript-eslint/no-require-imports */
const PACKAGES: EsbuildLoaders = {
  native: async () => require('esbuild') as typeof import('esbuild'),
  wasm: async () => require('esbuild-wasm') as typeof import('esbuild-wasm'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

let loaded: Promise<LoadedEsbuild> | undefined;

/** The esbuild of this process, chosen on first use. */
export function loadEsbuild(): Promise<LoadedEsbuild> {
  loaded ??= chooseEsbuild(PACKAGES);
  return loaded;
}

/** The native esbuild when its binary starts on this machine, else esbuild-wasm. */
export async function chooseEsbuild(loaders: EsbuildLoaders): Promise<LoadedEsbuild> {
  let nativeError: string;
  try {
    const api = await loaders.native();
    // Starts the binary, which the first build then reuses: a missing or foreign binary fails here.
    await api.transform('', { loader: 'js' });
    return { api, kind: 'native' };
  } catch (err) {
    nativeError = err instanceof Error ? err.message.trim().split('\n')[0] : String(err);
  }
  return { api: await loaders.wasm(), kind: 'wasm', nativeError };
}
