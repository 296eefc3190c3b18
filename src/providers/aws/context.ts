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
  /** The execution role for new functions, found or created on first use; `created` when just made. */
  role(signal?: AbortSignal): Promise<{ arn: string; created: boolean }>;
}
