// Azure Functions as the registry lists it. Its provider (and its SDKs) is a bundle of its own, required by load() on first use.
import type { PlatformDescriptor } from '../shared/descriptor';
import { loadPlatformBundle } from '../shared/load-bundle';
import type { AzureFunctionsProviderOptions } from './provider';

export const azurePlatform: PlatformDescriptor<AzureFunctionsProviderOptions, 'azure'> = {
  id: 'azure',
  displayName: 'Azure Functions',
  capabilities: { logs: false, packaging: false, memorySizes: true },
  // The Functions host's HTTP request length limit (maxRequestLength, 100 MB); responses have none documented.
  sizeLimits: { requestBytes: 100 * 1024 * 1024 },
  eager: false,
  load(options) {
    const { AzureFunctionsProvider } = loadPlatformBundle<typeof import('./provider')>(azurePlatform);
    return new AzureFunctionsProvider({ ...options });
  },
};
