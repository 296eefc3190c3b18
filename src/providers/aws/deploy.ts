// Deploy: create the function, or update only what changed (code, configuration, tags), waiting
// for Lambda to settle between steps. Code whose zip Lambda already has is not uploaded again; a
// container image whose content tag ECR already has is neither built nor pushed again.
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
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
import { UserError, type Artifact, type Deployment, type FunctionSpec, type PackageKind } from '../../core/model';
import { zipArtifact } from '../../core/packaging';
import { buildImage } from '../shared/docker-engine/images';
import type { AwsContext } from './context';
import { ensureRepository, hasImageTag, pushImage, registryLogin } from './ecr';
import { ensureBaseImages, planLambdaImage } from './image';
import { installPythonRequirements, pipPlatform } from './python-deps';
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
  /** Container-image functions: the image Lambda runs (as deployed, tag or digest). */
  imageUri?: string;
}

export async function getFunction(lambda: LambdaClient, name: string, signal?: AbortSignal): Promise<FunctionState | undefined> {
  try {
    const found = await lambda.send(new GetFunctionCommand({ FunctionName: name }), { abortSignal: signal });
    if (!found.Configuration) return undefined;
    return { config: found.Configuration, tags: found.Tags ?? {}, ...(found.Code?.ImageUri ? { imageUri: found.Code.ImageUri } : {}) };
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

/** The code Lambda runs: a zip in the request, or an image already pushed to ECR. */
type Code = { kind: 'zip'; zip: Buffer; codeSha256: string } | { kind: 'image'; imageUri: string; packaging: string };

/** Lambda's handler string for an artifact (the image's CMD for container images). */
export function lambdaHandlerOf(artifact: Artifact): string {
  return artifact.language === 'python' ? PYTHON_LAMBDA_HANDLER : artifact.handler;
}

function desiredOf(spec: FunctionSpec, artifact: Artifact, roleSetting: string | undefined): Desired {
  const env = { ...spec.env };
  if (artifact.language === 'python') env[ENV_HANDLER] = artifact.handler;
  const tags: Record<string, string> = { [TAG.managed]: 'true', [TAG.codeHash]: artifact.codeHash, [TAG.handler]: spec.handler };
  const source = encodeTagValue(spec.file);
  if (source !== undefined) tags[TAG.sourceFile] = source;
  const description = `FaaS Lab: ${spec.handler} from ${path.basename(spec.file)}`.slice(0, 256);
  return { runtime: artifact.runtime, handler: lambdaHandlerOf(artifact), memoryMB: spec.memoryMB, timeoutS: spec.timeoutS, env, tags, description, role: roleSetting };
}

/** How a function is shipped: `package=` of its annotation, else faasLab.aws.packageType. */
export function packageKindOf(ctx: AwsContext, spec: FunctionSpec): PackageKind {
  return spec.package ?? ctx.packageType;
}

/** What Deployment.packaging will say after deploying this artifact: `zip`, or `image:<content tag>`. */
export async function packagingOf(ctx: AwsContext, spec: FunctionSpec, artifact: Artifact): Promise<string> {
  if (packageKindOf(ctx, spec) === 'zip') return 'zip';
  const plan = await planLambdaImage(spec, artifact, lambdaHandlerOf(artifact), { ...ctx.images, architecture: ctx.architecture });
  return `image:${plan.tag}`;
}

export async function deployFunction(
  ctx: AwsContext,
  spec: FunctionSpec,
  artifact: Artifact,
  signal?: AbortSignal,
  progress: (message: string) => void = () => undefined,
): Promise<Deployment> {
  signal?.throwIfAborted();
  if (artifact.language !== spec.language) {
    throw new Error(`Artifact for ${artifact.functionName} is ${artifact.language}, but ${spec.name} is a ${spec.language} handler`);
  }
  if (languageOf(artifact.runtime) !== artifact.language) {
    throw new Error(`Artifact for ${spec.name} was built for runtime '${artifact.runtime}', not for Lambda: build it with { target: 'aws' }`);
  }
  checkLimits(spec.memoryMB, spec.timeoutS);
  const desired = desiredOf(spec, artifact, ctx.roleArnSetting);
  try {
    const code = packageKindOf(ctx, spec) === 'image' ? await imageCode(ctx, spec, artifact, desired.handler, progress, signal) : await zipCode(ctx, spec, artifact, progress, signal);
    if (code.kind === 'image') Object.assign(desired.tags, { [TAG.packaging]: code.packaging, [TAG.language]: artifact.language, [TAG.runtime]: artifact.runtime });
    let existing = await getFunction(ctx.clients.lambda, spec.name, signal);
    if (existing && (existing.config.PackageType ?? 'Zip') !== (code.kind === 'image' ? 'Image' : 'Zip')) {
      // Lambda cannot change a function's package type: FaaS Lab's own function is made again.
      checkManaged(spec.name, existing);
      progress(`replacing the ${code.kind === 'image' ? 'zip' : 'container-image'} function (Lambda cannot change a package type)…`);
      await deleteAndWait(ctx, spec.name, signal);
      existing = undefined;
    }
    const final = existing ? await updateFunction(ctx, spec.name, existing, desired, code, signal) : await createFunction(ctx, spec.name, desired, code, signal);
    return toDeployment(final, desired.tags)!;
  } catch (err) {
    throw toUserError(err, `deploying ${spec.name}`, ctx.errors);
  }
}

async function zipCode(ctx: AwsContext, spec: FunctionSpec, artifact: Artifact, progress: (message: string) => void, signal?: AbortSignal): Promise<Code> {
  let packaged = artifact;
  if (artifact.language === 'python' && artifact.requirements.length > 0) {
    // Lambda does not install requirements.txt: the packages go into the zip beside the handler.
    progress(`installing ${artifact.requirements.join(', ')} for Lambda (${pipPlatform(ctx.architecture)})…`);
    const installed = await installPythonRequirements(artifact, ctx.architecture, undefined, signal);
    const own = new Set(artifact.files.map((f) => f.path));
    packaged = { ...artifact, files: [...artifact.files, ...installed.filter((f) => !own.has(f.path))] };
  }
  const zip = await zipArtifact(packaged);
  if (zip.byteLength > MAX_DIRECT_ZIP_BYTES) {
    throw new UserError(
      `${spec.name}'s code is ${(zip.byteLength / 1048576).toFixed(1)} MB zipped; Lambda takes at most 50 MB directly. Ship fewer files (includes=, dependencies), or deploy it as a container image (package=image).`,
    );
  }
  return { kind: 'zip', zip, codeSha256: createHash('sha256').update(zip).digest('base64') };
}

/**
 * Builds the function's image on the Docker engine and pushes it to its ECR repository, unless
 * ECR already has an image with the same content tag (same code, Dockerfile and platform).
 */
async function imageCode(
  ctx: AwsContext,
  spec: FunctionSpec,
  artifact: Artifact,
  handler: string,
  progress: (message: string) => void,
  signal?: AbortSignal,
): Promise<Code> {
  const { ecr } = ctx.clients;
  const plan = await planLambdaImage(spec, artifact, handler, { ...ctx.images, architecture: ctx.architecture });
  const repo = await ensureRepository(ecr, spec.name, signal);
  const imageUri = `${repo.uri}:${plan.tag}`;
  if (repo.created || !(await hasImageTag(ecr, repo.name, plan.tag, signal))) {
    const docker = await ctx.docker();
    await ensureBaseImages(docker, plan, artifact.language, signal, (image) => progress(`pulling the base image ${image}…`));
    progress(`building the image (${plan.platform})…`);
    await buildImage(docker, { tag: imageUri, dockerfile: plan.dockerfile, userDockerfile: plan.userDockerfile }, artifact, signal, { platform: plan.platform });
    try {
      progress(`pushing the image to ECR (${repo.name}:${plan.tag})…`);
      const login = await registryLogin(ecr, signal);
      await pushImage(docker, repo.uri, plan.tag, login, signal);
    } finally {
      // ECR keeps the image; the engine's copy would only pile up with every change.
      await docker.getImage(imageUri).remove().catch(() => undefined);
    }
  } else {
    progress(`the image is in ECR already (${repo.name}:${plan.tag}): nothing to build or push`);
  }
  return { kind: 'image', imageUri, packaging: `image:${plan.tag}` };
}

async function createFunction(ctx: AwsContext, name: string, d: Desired, code: Code, signal?: AbortSignal): Promise<FunctionConfiguration> {
  const lambda = ctx.clients.lambda;
  const role = await ctx.role(signal);
  const command = new CreateFunctionCommand({
    FunctionName: name,
    // An image names its own runtime and handler (base image and CMD); Lambda refuses them here.
    ...(code.kind === 'zip' ? { Runtime: d.runtime as Runtime, Handler: d.handler, Code: { ZipFile: code.zip }, PackageType: 'Zip' } : { Code: { ImageUri: code.imageUri }, PackageType: 'Image' }),
    Role: role.arn,
    MemorySize: d.memoryMB,
    Timeout: d.timeoutS,
    Architectures: [ctx.architecture],
    Environment: { Variables: d.env },
    Description: d.description,
    Tags: d.tags,
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

function checkManaged(name: string, existing: FunctionState): void {
  if (existing.tags[TAG.managed] !== 'true') {
    throw new UserError(
      `A Lambda function named ${name} already exists and FaaS Lab did not deploy it, so it will not replace its code: give the handler another name (name= in its @faas annotation) or delete that function first`,
    );
  }
}

async function deleteAndWait(ctx: AwsContext, name: string, signal?: AbortSignal): Promise<void> {
  const { lambda } = ctx.clients;
  await whenSettled(lambda, name, ctx.timing, () => lambda.send(new DeleteFunctionCommand({ FunctionName: name }), { abortSignal: signal }), signal);
  const started = Date.now();
  while (await getFunction(lambda, name, signal)) {
    if (Date.now() - started > ctx.timing.maxWaitMs) throw new UserError(`${name} is still being deleted after ${Math.round((Date.now() - started) / 1000)} s: try again in a minute`);
    await sleep(ctx.timing.pollMs, signal);
  }
}

async function updateFunction(ctx: AwsContext, name: string, existing: FunctionState, d: Desired, code: Code, signal?: AbortSignal): Promise<FunctionConfiguration> {
  const { lambda } = ctx.clients;
  const timing = ctx.timing;
  checkManaged(name, existing);
  // GetFunction's configuration is current: poll only if it is still changing.
  let config = isSettled(existing.config, name) ? existing.config : await waitUntilSettled(lambda, name, timing, signal);
  const architecture = config.Architectures?.[0] ?? 'x86_64';
  const codeChanged = code.kind === 'zip' ? config.CodeSha256 !== code.codeSha256 : existing.imageUri !== code.imageUri;
  if (codeChanged || architecture !== ctx.architecture) {
    const update = code.kind === 'zip' ? { ZipFile: code.zip } : { ImageUri: code.imageUri };
    await whenSettled(
      lambda,
      name,
      timing,
      () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ...update, Architectures: [ctx.architecture] }), { abortSignal: signal }),
      signal,
    );
    config = await waitUntilSettled(lambda, name, timing, signal);
  }
  const image = code.kind === 'image';
  if (configDiffers(config, d, image)) {
    await whenSettled(
      lambda,
      name,
      timing,
      () =>
        lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: name,
            ...(image ? {} : { Runtime: d.runtime as Runtime, Handler: d.handler }),
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

function configDiffers(config: FunctionConfiguration, d: Desired, image: boolean): boolean {
  const current = { ...(config.Environment?.Variables ?? {}) };
  delete current[ENV_RECYCLE];
  return (
    (!image && (config.Runtime !== d.runtime || config.Handler !== d.handler)) ||
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
