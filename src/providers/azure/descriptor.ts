// Azure Functions as the registry lists it. Its provider (and any SDK) is require()d by load(), not imported here.
import type { PlatformDescriptor } from '../shared/descriptor';
import type { AzureFunctionsProviderOptions } from './provider';

export const azurePlatform: PlatformDescriptor<AzureFunctionsProviderOptions, 'azure'> = {
  id: 'azure',
  displayName: 'Azure Functions',
  capabilities: { logs: false, packaging: false, memorySizes: true },
  eager: false,
  load(options) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AzureFunctionsProvider } = require('./provider') as typeof import('./provider');
    return new AzureFunctionsProvider({ ...options });
  },
};
