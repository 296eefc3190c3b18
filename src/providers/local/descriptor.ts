// Local as the registry lists it. Its in-process provider is a bundle of its own, required by load() on first use.
import * as path from 'node:path';
import type { PlatformDescriptor } from '../shared/descriptor';
import { loadPlatformBundle } from '../shared/load-bundle';
import type { LocalProviderOptions } from './provider';

export interface LocalHostSettings {
  /**
   * `auto`: calls go to the workspace's local host (started on first use), shared by the CLI and the
   * editor; `off` (or unset): the platform runs inside this process.
   */
  host?: 'auto' | 'off';
  /** How long a started host stays up without requests. */
  hostIdleSeconds?: number;
}

export const DEFAULT_HOST_IDLE_SECONDS = 900;

/** How a local call's size limits (request and response) are raised. */
export const RAISE_PAYLOAD_LIMIT = 'to allow more locally, raise faasLab.local.maxPayloadMB';

export const localPlatform: PlatformDescriptor<Omit<LocalProviderOptions, 'stateDir'> & LocalHostSettings, 'local'> = {
  id: 'local',
  displayName: 'Local',
  capabilities: { logs: true, packaging: false, memorySizes: false },
  // As Lambda's synchronous limit by default; faasLab.local.maxPayloadMB raises both.
  sizeLimits: { requestBytes: 6 * 1024 * 1024, responseBytes: 6 * 1024 * 1024, basis: "AWS Lambda's synchronous limit" },
  eager: false,
  load(options, root) {
    const { host, hostIdleSeconds, ...local } = options ?? {};
    if (host === 'auto') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { RemoteLocalProvider } = require('./remote') as typeof import('./remote');
      return new RemoteLocalProvider({ root, idleSeconds: hostIdleSeconds ?? DEFAULT_HOST_IDLE_SECONDS, maxPayloadMB: local.maxPayloadMB });
    }
    const { LocalProvider } = loadInProcess();
    return new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local'), ...local });
  },
};

/** The in-process local platform's module (dist/providers/local.js): the registry's and `faas-lab serve`'s. */
export function loadInProcess(): typeof import('./provider') {
  return loadPlatformBundle<typeof import('./provider')>(localPlatform, { RAISE_PAYLOAD_LIMIT });
}
