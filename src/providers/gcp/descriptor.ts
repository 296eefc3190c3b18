// Google Cloud Functions as the registry lists it. Its provider (and any SDK) is require()d by load(), not imported here.
import type { PlatformDescriptor } from '../shared/descriptor';
import type { GcpFunctionsProviderOptions } from './provider';

export const gcpPlatform: PlatformDescriptor<GcpFunctionsProviderOptions, 'gcp'> = {
  id: 'gcp',
  displayName: 'Google Cloud Functions',
  capabilities: { logs: true, packaging: false, memorySizes: true },
  eager: false,
  load(options) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GcpFunctionsProvider } = require('./provider') as typeof import('./provider');
    return new GcpFunctionsProvider({ ...options });
  },
};
