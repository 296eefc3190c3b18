// Which esbuild bundles Node handlers. The native one is fast, but the .vsix ships only the binary
// of the machine that packaged it; on any other OS or CPU the portable esbuild-wasm (same API,
// slower) bundles instead, so deploying works everywhere and stays fast where the binary fits.
import type * as Esbuild from 'esbuild';
import { UserError } from '../model';

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
  // A failure is not kept: the next deploy tries again (e.g. after a reinstall).
  loaded ??= chooseEsbuild(PACKAGES).catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
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
    nativeError = firstLine(err);
  }
  try {
    return { api: await loaders.wasm(), kind: 'wasm', nativeError };
  } catch (err) {
    throw new UserError(
      `Node handlers cannot be bundled: esbuild did not start (${nativeError}) and esbuild-wasm could not be loaded (${firstLine(err)}). Reinstall FaaS Lab, or run npm ci in its folder.`,
    );
  }
}

function firstLine(err: unknown): string {
  return err instanceof Error ? err.message.trim().split('\n')[0] : String(err);
}
