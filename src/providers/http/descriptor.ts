// The http target as the registry lists it: endpoints FaaS Lab calls but does not deploy.
import type { PlatformDescriptor } from '../shared/descriptor';

export const httpPlatform: PlatformDescriptor<undefined, 'http'> = {
  id: 'http',
  displayName: 'HTTP endpoint',
  capabilities: { logs: false, packaging: false, memorySizes: false },
  // An endpoint FaaS Lab does not run has no limit FaaS Lab knows: no sizeLimits.
  eager: true,
  load(_options, root) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { HttpEndpointProvider } = require('./provider') as typeof import('./provider');
    const { LinkStore, linksFileOf } = require('../shared/links') as typeof import('../shared/links');
    /* eslint-enable @typescript-eslint/no-require-imports */
    return new HttpEndpointProvider(new LinkStore(linksFileOf(root)));
  },
};
