import * as path from 'node:path';
import { AwsLambdaProvider, type AwsLambdaProviderOptions } from './aws';
import { AzureFunctionsProvider } from './azure';
import { DockerProvider } from './docker';
import { GcpFunctionsProvider } from './gcp';
import { LocalProvider } from './local';
import { ProviderRegistry } from './registry';

export interface PlatformSettings {
  /** Workspace root: platform state and runs live under `<root>/.faaslab`. */
  root: string;
  local?: {
    keepAliveMs?: number;
    maxConcurrency?: number;
    nodePath?: string;
    pythonPath?: string;
  };
  docker?: { dockerHost?: string; keepAliveMs?: number; maxConcurrency?: number; nodeImage?: string; pythonImage?: string; networkMode?: string };
  aws?: AwsLambdaProviderOptions;
  gcp?: { project?: string; region?: string; keyFilename?: string };
  azure?: { subscriptionId?: string; resourceGroup?: string; region?: string; storageAccount?: string };
}

/** The composition of every platform this build ships, shared by the extension, the CLI and tests. */
export function createProviders(settings: PlatformSettings): ProviderRegistry {
  const registry = new ProviderRegistry();
  registry.register(new LocalProvider({ stateDir: path.join(settings.root, '.faaslab', 'local'), ...settings.local }));
  registry.register(new DockerProvider({ stateDir: path.join(settings.root, '.faaslab', 'docker'), ...settings.docker }));
  registry.register(new AwsLambdaProvider({ ...settings.aws }));
  registry.register(new GcpFunctionsProvider({ ...settings.gcp }));
  registry.register(new AzureFunctionsProvider({ ...settings.azure }));
  return registry;
}

export function runsDirOf(root: string): string {
  return path.join(root, '.faaslab', 'runs');
}
