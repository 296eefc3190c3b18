import * as path from 'node:path';
import type { AwsLambdaProviderOptions } from './aws';
import { HttpEndpointProvider } from './http';
import { LazyProvider } from './lazy';
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
    cpuScaling?: boolean;
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
  // The other platforms load their SDKs on first use (require() inside the closures keeps esbuild
  // from evaluating them when the bundle loads).
  /* eslint-disable @typescript-eslint/no-require-imports */
  registry.register(
    new LazyProvider('docker', 'Docker', () => new (require('./docker') as typeof import('./docker')).DockerProvider({ stateDir: path.join(settings.root, '.faaslab', 'docker'), ...settings.docker }), { hasLogs: true }),
  );
  registry.register(new LazyProvider('aws', 'AWS Lambda', () => new (require('./aws') as typeof import('./aws')).AwsLambdaProvider({ ...settings.aws }), { hasLogs: true, hasPackaging: true }));
  registry.register(new LazyProvider('gcp', 'Google Cloud Functions', () => new (require('./gcp') as typeof import('./gcp')).GcpFunctionsProvider({ ...settings.gcp }), { hasLogs: true, hasMemorySizes: true }));
  registry.register(new LazyProvider('azure', 'Azure Functions', () => new (require('./azure') as typeof import('./azure')).AzureFunctionsProvider({ ...settings.azure }), { hasLogs: false, hasMemorySizes: true }));
  /* eslint-enable @typescript-eslint/no-require-imports */
  registry.register(new HttpEndpointProvider());
  return registry;
}

export function runsDirOf(root: string): string {
  return path.join(root, '.faaslab', 'runs');
}
