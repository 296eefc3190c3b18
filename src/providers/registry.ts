import type { PlatformId, Provider } from '../core/model';
import type { ProviderRegistry as Registry } from '../core/platforms';

/** The single source of truth for the platforms this process can use. */
export class ProviderRegistry implements Registry {
  private readonly providers = new Map<PlatformId, Provider>();

  register(provider: Provider): void {
    if (this.providers.has(provider.id)) {
      throw new Error(`A provider for platform '${provider.id}' is already registered`);
    }
    this.providers.set(provider.id, provider);
  }

  get(id: PlatformId): Provider {
    const provider = this.providers.get(id);
    if (!provider) {
      const known = [...this.providers.keys()].join(', ') || 'none';
      throw new Error(`No provider for platform '${id}' (registered: ${known})`);
    }
    return provider;
  }

  has(id: PlatformId): boolean {
    return this.providers.has(id);
  }

  all(): Provider[] {
    return [...this.providers.values()];
  }

  async dispose(): Promise<void> {
    await Promise.all(this.all().map((p) => p.dispose?.()));
  }
}
