import * as vscode from 'vscode';
import type { PlatformSettings } from '../providers';
import type { UserInput } from './ui';

/** Reads `faasLab.*` settings for one workspace root. */
export function platformSettings(root: string, ui: UserInput, scope?: vscode.Uri): PlatformSettings {
  const config = vscode.workspace.getConfiguration('faasLab', scope);
  const nodePath = config.get<string>('local.nodePath') || undefined;
  const pythonPath = config.get<string>('local.pythonPath') || undefined;
  return {
    root,
    local: {
      keepAliveMs: config.get<number>('local.keepAliveSeconds', 300) * 1000,
      maxConcurrency: config.get<number>('local.maxConcurrency', 100),
      nodePath,
      pythonPath,
      cpuScaling: config.get<boolean>('local.cpuScaling', true),
    },
    docker: {
      dockerHost: config.get<string>('docker.host') || undefined,
      keepAliveMs: config.get<number>('docker.keepAliveSeconds', 300) * 1000,
      maxConcurrency: config.get<number>('docker.maxConcurrency', 100),
      nodeImage: config.get<string>('docker.nodeImage') || undefined,
      pythonImage: config.get<string>('docker.pythonImage') || undefined,
      networkMode: config.get<string>('docker.networkMode') || undefined,
    },
    aws: {
      region: config.get<string>('aws.region') || undefined,
      profile: config.get<string>('aws.profile') || undefined,
      roleArn: config.get<string>('aws.roleArn') || undefined,
      architecture: config.get<'x86_64' | 'arm64'>('aws.architecture', 'x86_64'),
      endpoint: config.get<string>('aws.endpoint') || undefined,
      maxSockets: config.get<number>('aws.maxSockets', 1000),
      packageType: config.get<'zip' | 'image'>('aws.packageType', 'zip'),
      nodeImage: config.get<string>('aws.nodeImage') || undefined,
      pythonImage: config.get<string>('aws.pythonImage') || undefined,
      dockerHost: config.get<string>('docker.host') || undefined,
      confirmCreateRole: (summary) => ui.confirm(`FaaS Lab needs an execution role for new Lambda functions. Create it now?\n\n${summary}`, 'Create Role'),
    },
    gcp: {
      project: config.get<string>('gcp.project') || undefined,
      region: config.get<string>('gcp.region') || undefined,
      keyFilename: config.get<string>('gcp.keyFile') || undefined,
    },
    azure: {
      subscriptionId: config.get<string>('azure.subscriptionId') || undefined,
      resourceGroup: config.get<string>('azure.resourceGroup') || undefined,
      region: config.get<string>('azure.region') || undefined,
      storageAccount: config.get<string>('azure.storageAccount') || undefined,
    },
  };
}
