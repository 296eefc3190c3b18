import type Docker from 'dockerode';
import type { PackageKind } from '../../core/model';
import type { AwsClients } from './client';
import type { AwsErrorContext } from './errors';
import type { AwsTiming } from './waiters';

export type Architecture = 'x86_64' | 'arm64';

/** What the provider's operations share. */
export interface AwsContext {
  clients: AwsClients;
  timing: AwsTiming;
  architecture: Architecture;
  errors: AwsErrorContext;
  /** faasLab.aws.roleArn, when set. */
  roleArnSetting?: string;
  /** faasLab.aws.packageType: how functions without `package=` are shipped. */
  packageType: PackageKind;
  /** faasLab.aws.nodeImage / pythonImage: base images of container-image functions (empty: AWS's). */
  images: { nodeImage?: string; pythonImage?: string };
  /** The Docker engine that builds and pushes container images; a UserError when none answers. */
  docker(): Promise<Docker>;
  /** The execution role for new functions, found or created on first use; `created` when just made. */
  role(signal?: AbortSignal): Promise<{ arn: string; created: boolean }>;
}
