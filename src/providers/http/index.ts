import type { ProviderRegistry } from '../../core/platforms';
import { HttpEndpointProvider } from './provider';

export { HttpEndpointProvider } from './provider';

/** Lets an experiment's "http" platform find its function: the spec's endpoint under the spec's function name. */
export function registerEndpoint(providers: ProviderRegistry, spec: { function: string; endpoint?: string; platforms: readonly string[] }): void {
  if (!spec.endpoint || !spec.platforms.includes('http') || !providers.has('http')) return;
  const provider = providers.get('http');
  if (provider instanceof HttpEndpointProvider) provider.addEndpoint(spec.function, spec.endpoint);
}
