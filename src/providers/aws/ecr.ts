// Amazon ECR for container-image functions: one repository per function (`faaslab/<name>`),
// tagged as FaaS Lab's and readable by Lambda; a registry login from GetAuthorizationToken for
// the Docker engine's push; and the check that an image tag is already there (nothing to push).
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  ListTagsForResourceCommand,
  SetRepositoryPolicyCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import type Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { UserError } from '../../core/model';
import { followStream } from '../shared/docker-engine/images';
import { awsErrorName } from './errors';
import { TAG } from './tags';

export const REPOSITORY_PREFIX = 'faaslab/';

/** Lambda pulls the image with these actions; Lambda adds the same statement itself when allowed to. */
export const LAMBDA_PULL_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'LambdaECRImageRetrievalPolicy',
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    },
  ],
});

/**
 * ECR names are lower case, with single `.`, `_` or `-` between letters and digits; a function
 * name that is not already one gets a short hash, so `Hello` and `hello` stay apart.
 */
export function repositoryName(functionName: string): string {
  const slug = functionName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'fn';
  const unique = slug === functionName ? slug : `${slug}-${createHash('sha256').update(functionName).digest('hex').slice(0, 8)}`;
  return `${REPOSITORY_PREFIX}${unique}`;
}

export interface Repository {
  name: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/faaslab/<name>`: what the image is tagged and pushed as. */
  uri: string;
  created: boolean;
}

/** The function's repository, created (tagged, with Lambda's pull policy) when it does not exist. */
export async function ensureRepository(ecr: ECRClient, functionName: string, signal?: AbortSignal): Promise<Repository> {
  const name = repositoryName(functionName);
  try {
    const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }), { abortSignal: signal });
    const repo = found.repositories?.[0];
    if (repo?.repositoryUri) return { name, uri: repo.repositoryUri, created: false };
  } catch (err) {
    if (awsErrorName(err) !== 'RepositoryNotFoundException') throw err;
  }
  let uri: string | undefined;
  try {
    const made = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: name,
        imageTagMutability: 'MUTABLE',
        tags: [{ Key: TAG.managed, Value: 'true' }, { Key: TAG.function, Value: functionName }],
      }),
      { abortSignal: signal },
    );
    uri = made.repository?.repositoryUri;
  } catch (err) {
    // Another deploy of the same function made it in the meantime.
    if (awsErrorName(err) !== 'RepositoryAlreadyExistsException') throw err;
    const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }), { abortSignal: signal });
    uri = found.repositories?.[0]?.repositoryUri;
  }
  if (!uri) throw new Error(`ECR did not say where repository ${name} is (no repositoryUri)`);
  await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: name, policyText: LAMBDA_PULL_POLICY }), { abortSignal: signal });
  return { name, uri, created: true };
}

/** Whether the repository already holds an image with this tag. */
export async function hasImageTag(ecr: ECRClient, repository: string, tag: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const found = await ecr.send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }), { abortSignal: signal });
    return (found.imageDetails ?? []).some((d) => d.imageTags?.includes(tag));
  } catch (err) {
    if (awsErrorName(err) === 'ImageNotFoundException') return false;
    throw err;
  }
}

export interface RegistryLogin {
  username: string;
  password: string;
  /** The registry's host (`<account>.dkr.ecr.<region>.amazonaws.com`), as Docker keys logins. */
  serveraddress: string;
}

/** A 12-hour registry login (`AWS` and a token) for the Docker engine's push. */
export async function registryLogin(ecr: ECRClient, signal?: AbortSignal): Promise<RegistryLogin> {
  const answer = await ecr.send(new GetAuthorizationTokenCommand({}), { abortSignal: signal });
  const data = answer.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) throw new Error('ECR returned no authorization token');
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error('ECR returned an authorization token that is not user:password');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: data.proxyEndpoint.replace(/^https?:\/\//, '').replace(/\/+$/, '') };
}

/** Pushes `<uri>:<tag>` from the engine to ECR; resolves with the pushed manifest's digest. */
export async function pushImage(docker: Docker, uri: string, tag: string, login: RegistryLogin, signal?: AbortSignal): Promise<string | undefined> {
  const stream = await docker.getImage(uri).push({ tag, authconfig: login, ...(signal ? { abortSignal: signal } : {}) });
  let digest: string | undefined;
  const failure = await followStream(docker, stream, (event) => {
    if (event.aux?.Digest) digest = event.aux.Digest;
  });
  if (failure !== undefined) {
    const auth = /denied|unauthorized|authentication required|no basic auth credentials/i.test(failure)
      ? ': the credentials in use need ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:BatchCheckLayerAvailability and ecr:PutImage on this repository'
      : '';
    throw new UserError(`Pushing ${uri}:${tag} to ECR failed: ${failure}${auth}`);
  }
  return digest;
}

/** Deletes the function's repository and its images, when FaaS Lab made it; true if it was deleted. */
export async function deleteRepository(ecr: ECRClient, functionName: string, signal?: AbortSignal): Promise<boolean> {
  const name = repositoryName(functionName);
  try {
    const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }), { abortSignal: signal });
    const arn = found.repositories?.[0]?.repositoryArn;
    if (!arn) return false;
    const tags = await ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal: signal });
    if (!tags.tags?.some((t) => t.Key === TAG.managed && t.Value === 'true')) return false;
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }), { abortSignal: signal });
    return true;
  } catch (err) {
    if (awsErrorName(err) === 'RepositoryNotFoundException') return false;
    throw err;
  }
}
