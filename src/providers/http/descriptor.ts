// The http target as the registry lists it: endpoints FaaS Lab calls but does not deploy.
import type { PlatformDescriptor } from '../shared/descriptor';

export const httpPlatform: PlatformDescriptor<undefined, 'http'> = {
  id: 'http',
  displayName: 'HTTP endpoint',
  capabilities: { logs: false, packaging: false, memorySizes: false },
  eager: true,
  load() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { HttpEndpointProvider } = require('./provider') as typeof import('./provider');
    return new HttpEndpointProvider();
  },
};
