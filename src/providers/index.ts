import type { Provider } from '../core/model';
import type { AwsLambdaProviderOptions } from './aws/provider';
import { awsPlatform } from './aws/descriptor';
import { azurePlatform } from './azure/descriptor';
import { dockerPlatform } from './docker/descriptor';
import { gcpPlatform } from './gcp/descriptor';
import { httpPlatform } from './http/descriptor';
import { localPlatform } from './local/descriptor';
import { openfaasPlatform } from './openfaas/descriptor';
import type { OpenFaasProviderOptions } from './openfaas/provider';
import { LazyProvider } from './lazy';
import { ProviderRegistry } from './registry';
import type { PlatformDescriptor } from './shared/descriptor';

export interface PlatformSettings {
  /** Workspace root: platform state and runs live under `<root>/.faaslab`. */
  root: string;
  local?: {
    keepAliveMs?: number;
    maxConcurrency?: number;
    nodePath?: string;
    pythonPath?: string;
    cpuScaling?: boolean;
    /** `auto`: through the workspace's local host; `off` or unset: inside this process. */
    host?: 'auto' | 'off';
    hostIdleSeconds?: number;
    maxPayloadMB?: number;
  };
  docker?: { dockerHost?: string; keepAliveMs?: number; maxConcurrency?: number; nodeImage?: string; pythonImage?: string; networkMode?: string };
  aws?: AwsLambdaProviderOptions;
  gcp?: { project?: string; region?: string; keyFilename?: string };
  azure?: { subscriptionId?: string; resourceGroup?: string; region?: string; storageAccount?: string };
  openfaas?: OpenFaasProviderOptions;
}

/** A platform of the table, made from its settings. */
interface PlatformEntry {
  create(settings: PlatformSettings): Provider;
}

function entry<O>(descriptor: PlatformDescriptor<O>, optionsOf: (settings: PlatformSettings) => O | undefined): PlatformEntry {
  return {
    create(settings) {
      const load = () => descriptor.load(optionsOf(settings), settings.root);
      return descriptor.eager ? load() : new LazyProvider(descriptor as PlatformDescriptor, load);
    },
  };
}

/** Every platform this build ships, in the order they are listed. */
const PLATFORMS: PlatformEntry[] = [
  entry(localPlatform, (s) => s.local),
  entry(dockerPlatform, (s) => s.docker),
  entry(awsPlatform, (s) => s.aws),
  entry(gcpPlatform, (s) => s.gcp),
  entry(azurePlatform, (s) => s.azure),
  entry(openfaasPlatform, (s) => s.openfaas),
  entry(httpPlatform, () => undefined),
];

/** The composition of every platform this build ships, shared by the extension, the CLI and tests. */
export function createProviders(settings: PlatformSettings): ProviderRegistry {
  const registry = new ProviderRegistry();
  for (const platform of PLATFORMS) registry.register(platform.create(settings));
  return registry;
}

export { runsDirOf } from './runs-dir';
