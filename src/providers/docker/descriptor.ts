// Docker as the registry lists it. Its provider (and its SDKs) is a bundle of its own, required by load() on first use.
import * as path from 'node:path';
import type { PlatformDescriptor } from '../shared/descriptor';
import { loadPlatformBundle } from '../shared/load-bundle';
import type { DockerProviderOptions } from './provider';

export const dockerPlatform: PlatformDescriptor<Omit<DockerProviderOptions, 'stateDir'>, 'docker'> = {
  id: 'docker',
  displayName: 'Docker',
  capabilities: { logs: true, packaging: false, memorySizes: false },
  sizeLimits: { requestBytes: 6 * 1024 * 1024, responseBytes: 6 * 1024 * 1024, basis: "AWS Lambda's synchronous limit" },
  eager: false,
  load(options, root) {
    const { DockerProvider } = loadPlatformBundle<typeof import('./provider')>(dockerPlatform);
    return new DockerProvider({ stateDir: path.join(root, '.faaslab', 'docker'), ...options });
  },
};
