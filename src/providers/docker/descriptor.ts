// Docker as the registry lists it. Its provider (and any SDK) is require()d by load(), not imported here.
import * as path from 'node:path';
import type { PlatformDescriptor } from '../shared/descriptor';
import type { DockerProviderOptions } from './provider';

export const dockerPlatform: PlatformDescriptor<Omit<DockerProviderOptions, 'stateDir'>, 'docker'> = {
  id: 'docker',
  displayName: 'Docker',
  capabilities: { logs: true, packaging: false, memorySizes: false },
  eager: false,
  load(options, root) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DockerProvider } = require('./provider') as typeof import('./provider');
    return new DockerProvider({ stateDir: path.join(root, '.faaslab', 'docker'), ...options });
  },
};
