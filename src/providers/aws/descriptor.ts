// AWS Lambda as the registry lists it. Its provider (and its SDKs) is a bundle of its own, required by load() on first use.
import type { PlatformDescriptor } from '../shared/descriptor';
import { LinkStore, linksFileOf } from '../shared/links';
import { loadPlatformBundle } from '../shared/load-bundle';
import type { AwsLambdaProviderOptions } from './provider';

export const awsPlatform: PlatformDescriptor<AwsLambdaProviderOptions, 'aws'> = {
  id: 'aws',
  displayName: 'AWS Lambda',
  capabilities: { logs: true, packaging: true, memorySizes: false },
  // A synchronous (RequestResponse) invoke: 6 MB each way.
  sizeLimits: { requestBytes: 6 * 1024 * 1024, responseBytes: 6 * 1024 * 1024 },
  eager: false,
  load(options, root) {
    const { AwsLambdaProvider } = loadPlatformBundle<typeof import('./provider')>(awsPlatform);
    return new AwsLambdaProvider({ links: new LinkStore(linksFileOf(root)), ...options });
  },
};
