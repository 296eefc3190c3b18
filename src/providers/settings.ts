// FaaS Lab's `faasLab.*` settings as the platforms take them: one mapping for VS Code (its
// configuration) and for the CLI (the workspace's .vscode/settings.json), so both run the same
// platforms the same way.
import type { PlatformSettings } from './index';
import type { ConfirmCreateRole } from './aws/role';
import { UserError } from '../core/model';
import { DEFAULT_HOST_IDLE_SECONDS } from './local/descriptor';

/** A setting's value by its key below `faasLab.` (e.g. `aws.region`), or the fallback when it is not set. */
export type SettingReader = <T>(key: string, fallback: T) => T;

export function platformSettingsFrom(root: string, read: SettingReader, confirmCreateRole?: ConfirmCreateRole): PlatformSettings {
  // An empty string means "not set" for every text setting: the platform's own default applies.
  const text = (key: string) => read<string>(key, '') || undefined;
  return {
    root,
    local: {
      keepAliveMs: read<number>('local.keepAliveSeconds', 300) * 1000,
      maxConcurrency: read<number>('local.maxConcurrency', 100),
      nodePath: text('local.nodePath'),
      pythonPath: text('local.pythonPath'),
      cpuScaling: read<boolean>('local.cpuScaling', true),
      host: localHostMode(read),
      hostIdleSeconds: read<number>('local.hostIdleSeconds', DEFAULT_HOST_IDLE_SECONDS),
      maxPayloadMB: read<number>('local.maxPayloadMB', 6),
    },
    docker: {
      dockerHost: text('docker.host'),
      keepAliveMs: read<number>('docker.keepAliveSeconds', 300) * 1000,
      maxConcurrency: read<number>('docker.maxConcurrency', 100),
      nodeImage: text('docker.nodeImage'),
      pythonImage: text('docker.pythonImage'),
      networkMode: text('docker.networkMode'),
    },
    aws: {
      region: text('aws.region'),
      profile: text('aws.profile'),
      roleArn: text('aws.roleArn'),
      architecture: read<'x86_64' | 'arm64'>('aws.architecture', 'x86_64'),
      endpoint: text('aws.endpoint'),
      maxSockets: read<number>('aws.maxSockets', 1000),
      packageType: read<'zip' | 'image'>('aws.packageType', 'zip'),
      nodeImage: text('aws.nodeImage'),
      pythonImage: text('aws.pythonImage'),
      dockerHost: text('docker.host'),
      confirmCreateRole,
    },
    gcp: {
      project: text('gcp.project'),
      region: text('gcp.region'),
      keyFilename: text('gcp.keyFile'),
    },
    azure: {
      subscriptionId: text('azure.subscriptionId'),
      resourceGroup: text('azure.resourceGroup'),
      region: text('azure.region'),
      storageAccount: text('azure.storageAccount'),
    },
    openfaas: {
      gateway: text('openfaas.gateway'),
      registry: text('openfaas.registry'),
      username: text('openfaas.username'),
      dockerHost: text('docker.host'),
      nodeImage: text('docker.nodeImage'),
      pythonImage: text('docker.pythonImage'),
    },
  };
}

/** `faasLab.local.host`; the environment's FAASLAB_LOCAL_HOST (CI, scripts) overrides it. */
function localHostMode(read: SettingReader): 'auto' | 'off' {
  const fromEnv = process.env.FAASLAB_LOCAL_HOST;
  const mode = fromEnv || read<string>('local.host', 'auto');
  if (mode !== 'auto' && mode !== 'off') {
    throw new UserError(`${fromEnv ? 'FAASLAB_LOCAL_HOST' : 'faasLab.local.host'} is '${mode}': use 'auto' (share the workspace's local host) or 'off' (run local functions inside this process)`);
  }
  return mode;
}
