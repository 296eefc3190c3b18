// Google Cloud Functions as the registry lists it. Its provider (and its SDKs) is a bundle of its own, required by load() on first use.
import type { PlatformDescriptor } from '../shared/descriptor';
import { loadPlatformBundle } from '../shared/load-bundle';
import type { GcpFunctionsProviderOptions } from './provider';

export const gcpPlatform: PlatformDescriptor<GcpFunctionsProviderOptions, 'gcp'> = {
  id: 'gcp',
  displayName: 'Google Cloud Functions',
  capabilities: { logs: true, packaging: false, memorySizes: true },
  // 2nd gen HTTP functions: 32 MB uncompressed request, 32 MB non-streaming response (cloud.google.com/functions/quotas).
  sizeLimits: { requestBytes: 32 * 1024 * 1024, responseBytes: 32 * 1024 * 1024 },
  eager: false,
  load(options) {
    const { GcpFunctionsProvider } = loadPlatformBundle<typeof import('./provider')>(gcpPlatform);
    return new GcpFunctionsProvider({ ...options });
  },
};
