// What running an experiment needs of the platform registry: the engine names the shape, so it
// never imports src/providers (the registry there satisfies it).
import type { PlatformId, Provider } from '../model';

export interface ProviderLookup {
  has(platform: PlatformId): boolean;
  /** Throws when the platform is not registered; ask has() first. */
  get(platform: PlatformId): Provider;
}
