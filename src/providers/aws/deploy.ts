// Deploy: create the function, or update only what changed (code, configuration, tags), waiting
// for Lambda to settle between steps. Code whose zip Lambda already has is not uploaded again.
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type LambdaClient,
  type Runtime,
} from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { UserError, type Artifact, type Deployment, type FunctionSpec } from '../../core/model';
import { zipArtifact } from '../../core/packaging';
import type { AwsContext } from './context';
import { awsErrorName, isNotFound, toUserError } from './errors';
import { ENV_HANDLER, ENV_RECYCLE, PYTHON_LAMBDA_HANDLER, TAG, encodeTagValue, languageOf, toDeployment } from './tags';
import { isSettled, sleep, waitUntilSettled, whenSettled } from './waiters';

/** Lambda's limits, checked here because emulators accept anything. */
export const MEMORY_LIMITS_MB = { min: 128, max: 10_240 };
export const TIMEOUT_LIMITS_S = { min: 1, max: 900 };
/** Largest zip Lambda accepts in the request itself (larger code goes through S3). */
const MAX_DIRECT_ZIP_BYTES = 50 * 1024 * 1024;

export interface FunctionState {
  config: FunctionConfiguration;
  tags: Record<string, string>;
}

export async function getFunction(lambda: LambdaClient, name: string, signal?: AbortSignal): Promise<FunctionState | undefined> {
  try {
    const found = await lambda.send(new GetFunctionCommand({ FunctionName: name }), { abortSignal: signal });
    return found.Configuration ? { config: found.Configuration, tags: found.Tags ?? {} } : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export function checkLimits(memoryMB: number, timeoutS: number): void {
  if (!Number.isInteger(memoryMB) || memoryMB < MEMORY_LIMITS_MB.min || memoryMB > MEMORY_LIMITS_MB.max) {
    throw new UserError(`Lambda memory sizes are whole MB from ${MEMORY_LIMITS_MB.min} to ${MEMORY_LIMITS_MB.max}; ${memoryMB} MB is not one: change memory=`);
  }
  if (!Number.isInteger(timeoutS) || timeoutS < TIMEOUT_LIMITS_S.min || timeoutS > TIMEOUT_LIMITS_S.max) {
    throw new UserError(`Lambda timeouts are whole seconds from ${TIMEOUT_LIMITS_S.min} to ${TIMEOUT_LIMITS_S.max}; ${timeoutS} s is not one: change timeout=`);
  }
}

interface Desired {
  runtime: string;
  handler: string;
  memoryMB: number;
  timeoutS: number;
  env: Record<string, string>;
  tags: Record<string, string>;
  description: string;
  /** Set only when faasLab.aws.roleArn names the role: existing functions then move to it. */
  role?: string;
}

function desiredOf(spec: FunctionSpec, artifact: Artifact, roleSetting: string | undefined): Desired {
  const env = { ...spec.env };
  let handler = artifact.handler;
  if (artifact.language === 'python') {
    env[ENV_HANDLER] = artifact.handler;
    handler = PYTHON_LAMBDA_HANDLER;
  }
  const tags: Record<string, string> = { [TAG.managed]: 'true', [TAG.codeHash]: artifact.codeHash, [TAG.handler]: spec.handler };
  const source = encodeTagValue(spec.file);
  if (source !== undefined) tags[TAG.sourceFile] = source;
  const description = `FaaS Lab: ${spec.handler} from ${path.basename(spec.file)}`.slice(0, 256);
  return { runtime: artifact.runtime, handler, memoryMB: spec.memoryMB, timeoutS: spec.timeoutS, env, tags, description, role: roleSetting };
}

export async function deployFunction(ctx: AwsContext, spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
  signal?.throwIfAborted();
  if (artifact.language !== spec.language) {
    throw new Error(`Artifact for ${artifact.functionName} is ${artifact.language}, but ${spec.name} is a ${spec.language} handler`);
  }
  if (languageOf(artifact.runtime) !== artifact.language) {
    throw new Error(`Artifact for ${spec.name} was built for runtime '${artifact.runtime}', not for Lambda: build it with { target: 'aws' }`);
  }
  checkLimits(spec.memoryMB, spec.timeoutS);
  const zip = await zipArtifact(artifact);
  if (zip.byteLength > MAX_DIRECT_ZIP_BYTES) {
    throw new UserError(`${spec.name}'s code is ${(zip.byteLength / 1048576).toFixed(1)} MB zipped; Lambda takes at most 50 MB directly. Ship fewer files (includes=, dependencies).`);
  }
  const codeSha256 = createHash('sha256').update(zip).digest('base64');
  const desired = desiredOf(spec, artifact, ctx.roleArnSetting);
  try {
    const existing = await getFunction(ctx.clients.lambda, spec.name, signal);
    const final = existing ? await updateFunction(ctx, spec.name, existing, desired, zip, codeSha256, signal) : await createFunction(ctx, spec.name, desired, zip, signal);
    return toDeployment(final, desired.tags)!;
  } catch (err) {
    throw toUserError(err, `deploying ${spec.name}`, ctx.errors);
  }
}

async function createFunction(ctx: AwsContext, name: string, d: Desired, zip: Buffer, signal?: AbortSignal): Promise<FunctionConfiguration> {
  const lambda = ctx.clients.lambda;
  const role = await ctx.role(signal);
  const command = new CreateFunctionCommand({
    FunctionName: name,
    Runtime: d.runtime as Runtime,
    Handler: d.handler,
    Role: role.arn,
    Code: { ZipFile: zip },
    MemorySize: d.memoryMB,
    Timeout: d.timeoutS,
    Architectures: [ctx.architecture],
    Environment: { Variables: d.env },
    Description: d.description,
    Tags: d.tags,
    PackageType: 'Zip',
  });
  const started = Date.now();
  for (;;) {
    try {
      await lambda.send(command, { abortSignal: signal });
      break;
    } catch (err) {
      // IAM is eventually consistent: a role made seconds ago cannot be assumed yet.
      const roleNotReady = awsErrorName(err) === 'InvalidParameterValueException' && /role|assume/i.test((err as Error).message);
      if (!roleNotReady || Date.now() - started > ctx.timing.roleWaitMs) throw err;
      await sleep(Math.min(2_000, ctx.timing.pollMs * 4), signal);
    }
  }
  return waitUntilSettled(lambda, name, ctx.timing, signal);
}

async function updateFunction(
  ctx: AwsContext,
  name: string,
  existing: FunctionState,
  d: Desired,
  zip: Buffer,
  codeSha256: string,
  signal?: AbortSignal,
): Promise<FunctionConfiguration> {
  const { lambda } = ctx.clients;
  const timing = ctx.timing;
  if (existing.tags[TAG.managed] !== 'true') {
    throw new UserError(
      `A Lambda function named ${name} already exists and FaaS Lab did not deploy it, so it will not replace its code: give the handler another name (name= in its @faas annotation) or delete that function first`,
    );
  }
  // GetFunction's configuration is current: poll only if it is still changing.
  let config = isSettled(existing.config, name) ? existing.config : await waitUntilSettled(lambda, name, timing, signal);
  const architecture = config.Architectures?.[0] ?? 'x86_64';
  if (config.CodeSha256 !== codeSha256 || architecture !== ctx.architecture) {
    await whenSettled(
      lambda,
      name,
      timing,
      () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip, Architectures: [ctx.architecture] }), { abortSignal: signal }),
      signal,
    );
    config = await waitUntilSettled(lambda, name, timing, signal);
  }
  if (configDiffers(config, d)) {
    await whenSettled(
      lambda,
      name,
      timing,
      () =>
        lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: name,
            Runtime: d.runtime as Runtime,
            Handler: d.handler,
            MemorySize: d.memoryMB,
            Timeout: d.timeoutS,
            Environment: { Variables: d.env },
            Description: d.description,
            ...(d.role ? { Role: d.role } : {}),
          }),
          { abortSignal: signal },
        ),
      signal,
    );
    config = await waitUntilSettled(lambda, name, timing, signal);
  }
  const arn = config.FunctionArn!;
  const changedTags = Object.fromEntries(Object.entries(d.tags).filter(([k, v]) => existing.tags[k] !== v));
  if (Object.keys(changedTags).length > 0) {
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: changedTags }), { abortSignal: signal });
  }
  if (existing.tags[TAG.sourceFile] !== undefined && d.tags[TAG.sourceFile] === undefined) {
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: [TAG.sourceFile] }), { abortSignal: signal });
  }
  return config;
}

function configDiffers(config: FunctionConfiguration, d: Desired): boolean {
  const current = { ...(config.Environment?.Variables ?? {}) };
  delete current[ENV_RECYCLE];
  return (
    config.Runtime !== d.runtime ||
    config.Handler !== d.handler ||
    config.MemorySize !== d.memoryMB ||
    config.Timeout !== d.timeoutS ||
    (config.Description ?? '') !== d.description ||
    (d.role !== undefined && config.Role !== d.role) ||
    !sameRecord(current, d.env)
  );
}

export function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}
