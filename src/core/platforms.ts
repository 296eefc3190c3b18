import type { PlatformId, Provider } from './model';

/** The platforms this process can use, as the engine asks for them (src/providers builds the one in use). */
export interface ProviderRegistry {
  get(id: PlatformId): Provider;
  has(id: PlatformId): boolean;
  all(): Provider[];
}
