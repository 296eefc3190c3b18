import type { HttpRequestOptions } from '../../core/http-request';
import type { ProviderRegistry } from '../../core/platforms';
import { HttpEndpointProvider } from './provider';

export { HttpEndpointProvider } from './provider';

/**
 * Lets an experiment's "http" platform find its function: the spec's endpoint under the spec's
 * function name, or the linked endpoint of that name, called with the spec's method, headers and body template.
 */
export function registerEndpoint(providers: ProviderRegistry, spec: { function: string; endpoint?: string; platforms: readonly string[]; http?: HttpRequestOptions }): void {
  if (!spec.platforms.includes('http') || !providers.has('http')) return;
  const provider = providers.get('http');
  if (!(provider instanceof HttpEndpointProvider)) return;
  if (spec.endpoint) provider.addEndpoint(spec.function, spec.endpoint, spec.http);
  else if (spec.http) provider.setRequest(spec.function, spec.http);
}
