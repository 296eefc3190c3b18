// Lambda functions linked by ARN (faas-lab link --platform aws): FaaS Lab did not create them,
// so they are listed under their link name with managed: false, and are invoked by their ARN.
import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import type { Deployment } from '../../core/model';
import type { AwsLink } from '../shared/links';
import { getFunction } from './deploy';
import { toDeployment } from './tags';

/** The linked function as a Deployment, or undefined when Lambda no longer has it. */
export async function linkedFunction(lambda: LambdaClient, link: AwsLink, signal?: AbortSignal): Promise<Deployment | undefined> {
  const found = await getFunction(lambda, link.arn, signal);
  return found && linkedDeployment(found.config, found.tags, link);
}

export function linkedDeployment(config: FunctionConfiguration, tags: Record<string, string>, link: AwsLink): Deployment {
  // A runtime FaaS Lab does not package (Java, Go, a foreign image) can still be invoked: it is
  // described as it is, with 'node' standing in for the language FaaS Lab never builds for it.
  const described = toDeployment(config, tags);
  const base: Deployment = described ?? {
    platform: 'aws',
    name: link.name,
    language: 'node',
    runtime: config.Runtime ?? (config.PackageType === 'Image' ? 'container image' : 'unknown'),
    memoryMB: config.MemorySize ?? 128,
    timeoutS: config.Timeout ?? 3,
    codeHash: `sha256:${config.CodeSha256 ?? ''}`,
    updatedAt: config.LastModified ? new Date(config.LastModified.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).toISOString() : link.linkedAt,
  };
  return { ...base, name: link.name, endpoint: link.arn, managed: false };
}
