// AWS Lambda as the registry lists it. Its provider (and any SDK) is require()d by load(), not imported here.
import type { PlatformDescriptor } from '../shared/descriptor';
import type { AwsLambdaProviderOptions } from './provider';

export const awsPlatform: PlatformDescriptor<AwsLambdaProviderOptions, 'aws'> = {
  id: 'aws',
  displayName: 'AWS Lambda',
  capabilities: { logs: true, packaging: true, memorySizes: false },
  eager: false,
  load(options) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AwsLambdaProvider } = require('./provider') as typeof import('./provider');
    return new AwsLambdaProvider({ ...options });
  },
};
