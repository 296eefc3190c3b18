import * as path from 'node:path';
import { AwsLambdaProvider, type AwsLambdaProviderOptions } from './aws';
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
  aws?: AwsLambdaProviderOptions;
}

/** The composition of every platform this build ships, shared by the extension, the CLI and tests. */
export function createProviders(settings: PlatformSettings): ProviderRegistry {
  const registry = new ProviderRegistry();
  registry.register(new LocalProvider({ stateDir: path.join(settings.root, '.faaslab', 'local'), ...settings.local }));
  registry.register(new AwsLambdaProvider({ ...settings.aws }));
  return registry;
}

export function runsDirOf(root: string): string {
  return path.join(root, '.faaslab', 'runs');
}
