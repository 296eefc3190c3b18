// OpenFaaS as the registry lists it. Its provider (with dockerode, which builds and pushes the
// images) is a bundle of its own, required by load() on first use.
import type { PlatformDescriptor } from '../shared/descriptor';
import { loadPlatformBundle } from '../shared/load-bundle';
import type { OpenFaasProviderOptions } from './provider';

export const openfaasPlatform: PlatformDescriptor<OpenFaasProviderOptions, 'openfaas'> = {
  id: 'openfaas',
  displayName: 'OpenFaaS',
  capabilities: { logs: true, packaging: false, memorySizes: false },
  // The gateway and the watchdog bound a call by its timeouts, not by its size: no sizeLimits.
  eager: false,
  load(options) {
    const { OpenFaasProvider } = loadPlatformBundle<typeof import('./provider')>(openfaasPlatform);
    return new OpenFaasProvider(options);
  },
};
