// Local as the registry lists it. Its provider (and any SDK) is require()d by load(), not imported here.
import * as path from 'node:path';
import type { PlatformDescriptor } from '../shared/descriptor';
import type { LocalProviderOptions } from './provider';

export const localPlatform: PlatformDescriptor<Omit<LocalProviderOptions, 'stateDir'>, 'local'> = {
  id: 'local',
  displayName: 'Local',
  capabilities: { logs: true, packaging: false, memorySizes: false },
  // As Lambda's synchronous limit by default; faasLab.local.maxPayloadMB raises it.
  maxPayloadBytes: 6 * 1024 * 1024,
  eager: true,
  load(options, root) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LocalProvider } = require('./provider') as typeof import('./provider');
    return new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local'), ...options });
  },
};
