// AWS Lambda: zip deployments from the packager or container images pushed to ECR, synchronous invocations with the log tail,
// memory and timeout changes that are applied before the next call, and logs from CloudWatch.
import { DeleteFunctionCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import {
  UserError,
  type Artifact,
  type ConfigureChange,
  type Deployment,
  type FunctionSpec,
  type Invocation,
  type InvokeOptions,
  type LogEntry,
  type PackageKind,
  type Provider,
  type Readiness,
} from '../../core/model';
import Docker from 'dockerode';
import { ENGINE_FIXES, pingEngine, resolveEngineAddress, type EngineAddress } from '../shared/docker-engine/address';
import { createAwsClients, type AwsClients } from './client';
import type { Architecture, AwsContext } from './context';
import { checkLimits, deployFunction, getFunction, packagingOf, type FunctionState } from './deploy';
import { deleteRepository, repositoryName } from './ecr';
import { isNotFound, toUserError } from './errors';
import { encodeRequest, invokeFunction } from './invoke';
import { linkedFunction } from './linked';
import { listFunctions } from './list';
import { parseLambdaArn, type AwsLink, type LinkStore } from '../shared/links';
import { recentLogs } from './logs';
import { checkReadiness } from './readiness';
import { ensureRole, type ConfirmCreateRole } from './role';
import { ENV_RECYCLE, toDeployment } from './tags';
import { DEFAULT_TIMING, isSettled, waitUntilSettled, whenSettled, type AwsTiming } from './waiters';
import { awsPlatform } from './descriptor';

export interface AwsLambdaProviderOptions {
  /** faasLab.aws.region; empty: AWS_REGION, then the profile's region. */
  region?: string;
  /** faasLab.aws.profile; empty: AWS_PROFILE, then `default`. */
  profile?: string;
  /** faasLab.aws.roleArn: the execution role of new functions; empty: FaaS Lab's own role. */
  roleArn?: string;
  /** faasLab.aws.architecture. Default x86_64. */
  architecture?: Architecture;
  /** faasLab.aws.endpoint: another Lambda-compatible endpoint (LocalStack, moto). */
  endpoint?: string;
  /** faasLab.aws.maxSockets: connections to AWS at once; default 1000. */
  maxSockets?: number;
  /** Asks the user whether to create FaaS Lab's execution role; without it, no role is ever created. */
  confirmCreateRole?: ConfirmCreateRole;
  /** faasLab.aws.packageType: `zip` (default) or `image` (built on the Docker engine, pushed to ECR) for functions without `package=`. */
  packageType?: PackageKind;
  /** faasLab.aws.nodeImage / pythonImage: base images of container-image functions; empty: AWS's base image for the runtime. */
  nodeImage?: string;
  pythonImage?: string;
  /** faasLab.docker.host: the Docker engine that builds container images; empty: DOCKER_HOST, then the usual socket. */
  dockerHost?: string;
  /** Poll intervals and bounds of the waits (tests shorten them). */
  timing?: Partial<AwsTiming>;
  /** The workspace's linked functions (faas-lab link --platform aws --arn ...). */
  links?: LinkStore;
}

export class AwsLambdaProvider implements Provider {
  readonly id = awsPlatform.id;
  readonly displayName = awsPlatform.displayName;

  private readonly clients: AwsClients;
  private readonly ctx: AwsContext;
  private readonly confirmCreateRole: ConfirmCreateRole | undefined;
  private rolePromise: Promise<{ arn: string; created: boolean }> | undefined;
  private readonly engine: EngineAddress;
  private dockerClient: Docker | undefined;
  private readonly links: LinkStore | undefined;

  constructor(options: AwsLambdaProviderOptions = {}) {
    this.links = options.links;
    const architecture = options.architecture ?? 'x86_64';
    if (architecture !== 'x86_64' && architecture !== 'arm64') {
      throw new UserError(`faasLab.aws.architecture must be x86_64 or arm64, not '${String(architecture)}'`);
    }
    this.clients = createAwsClients({ region: options.region || undefined, profile: options.profile || undefined, endpoint: options.endpoint || undefined, maxSockets: options.maxSockets });
    const packageType = options.packageType ?? 'zip';
    if (packageType !== 'zip' && packageType !== 'image') {
      throw new UserError(`faasLab.aws.packageType must be zip or image, not '${String(packageType)}'`);
    }
    this.confirmCreateRole = options.confirmCreateRole;
    this.engine = resolveEngineAddress(undefined, options.dockerHost || undefined);
    this.ctx = {
      clients: this.clients,
      timing: { ...DEFAULT_TIMING, ...options.timing },
      architecture,
      errors: { profile: options.profile || undefined, region: options.region || undefined, endpoint: options.endpoint || undefined },
      roleArnSetting: options.roleArn || undefined,
      role: (signal) => this.role(signal),
      packageType,
      images: { nodeImage: options.nodeImage || undefined, pythonImage: options.pythonImage || undefined },
      docker: () => this.docker(),
    };
  }

  async readiness(): Promise<Readiness> {
    const ready = await checkReadiness(this.ctx, this.confirmCreateRole !== undefined);
    if (!ready.ready || this.ctx.packageType !== 'image') return ready;
    // Every deploy builds an image: without an engine none would succeed.
    try {
      await this.docker();
    } catch (err) {
      return { ready: false, message: (err as Error).message, fixes: [...ENGINE_FIXES, { kind: 'setting', setting: 'faasLab.aws.packageType', label: 'Deploy as zip packages' }] };
    }
    return { ready: true, detail: `${ready.detail ?? 'AWS Lambda'}; container images built on the Docker engine at ${this.engine.display}` };
  }

  deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal, progress?: (message: string) => void): Promise<Deployment> {
    return deployFunction(this.ctx, spec, artifact, signal, progress);
  }

  /** `zip`, or `image:<content tag>`: a function shipped the other way, or from another image, is deployed again. */
  packaging(spec: FunctionSpec, artifact: Artifact): Promise<string> {
    return packagingOf(this.ctx, spec, artifact);
  }

  /** Changes memory and/or timeout and returns once Lambda has applied them (the next call runs with them). */
  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    try {
      const current = await this.require(this.ref(deployment), signal);
      const memoryMB = change.memoryMB ?? current.config.MemorySize ?? 128;
      const timeoutS = change.timeoutS ?? current.config.Timeout ?? 3;
      checkLimits(memoryMB, timeoutS);
      if (memoryMB === current.config.MemorySize && timeoutS === current.config.Timeout) {
        return this.as(deployment, toDeployment(await this.settled(current, signal), current.tags)!);
      }
      return this.as(deployment, await this.updateConfiguration(current, { MemorySize: memoryMB, Timeout: timeoutS }, signal));
    } catch (err) {
      throw toUserError(err, `changing ${deployment.name}'s configuration`, this.ctx.errors);
    }
  }

  invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    return invokeFunction(this.ctx, deployment, payload, options.signal);
  }

  checkPayload(deployment: Deployment, payload: unknown): void {
    encodeRequest(deployment, payload);
  }

  /** The region's Node and Python functions, and the linked ones under their link names (a linked function is listed once). */
  async list(signal?: AbortSignal): Promise<Deployment[]> {
    try {
      const links = this.linked();
      const linked = (await Promise.all(links.map((link) => linkedFunction(this.clients.lambda, link, signal)))).filter((d): d is Deployment => d !== undefined);
      const arns = new Set(links.map((l) => l.arn));
      const names = new Set(links.map((l) => l.name));
      const region = (await listFunctions(this.clients.lambda, signal)).filter((d) => !arns.has(d.endpoint ?? '') && !names.has(d.name));
      return [...region, ...linked];
    } catch (err) {
      throw toUserError(err, 'listing Lambda functions', this.ctx.errors);
    }
  }

  async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    try {
      const link = this.linked().find((l) => l.name === name);
      if (link) return await linkedFunction(this.clients.lambda, link, signal);
      const found = await getFunction(this.clients.lambda, name, signal);
      return found && toDeployment(found.config, found.tags);
    } catch (err) {
      throw toUserError(err, `reading ${name}`, this.ctx.errors);
    }
  }

  /** Deletes the function and, for FaaS Lab's container-image functions, its ECR repository with its images. */
  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    try {
      const ref = this.ref(deployment);
      await whenSettled(this.clients.lambda, ref, this.ctx.timing, () => this.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: ref }), { abortSignal: signal }), signal);
    } catch (err) {
      if (!isNotFound(err)) throw toUserError(err, `deleting ${deployment.name}`, this.ctx.errors);
    }
    if (deployment.managed && deployment.packaging?.startsWith('image')) {
      try {
        await deleteRepository(this.clients.ecr, deployment.name, signal);
      } catch (err) {
        throw toUserError(err, `deleting ${deployment.name}'s image repository ${repositoryName(deployment.name)} in ECR (the function is deleted)`, this.ctx.errors);
      }
    }
  }

  /**
   * Lambda has no "stop instances" call; any configuration change retires the execution
   * environments, so a FAASLAB_RECYCLE variable is set to the current time.
   */
  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    try {
      const current = await this.require(this.ref(deployment), signal);
      const settled = await this.settled(current, signal);
      const variables = { ...(settled.Environment?.Variables ?? {}), [ENV_RECYCLE]: String(Date.now()) };
      await this.updateConfiguration(current, { Environment: { Variables: variables } }, signal);
    } catch (err) {
      throw toUserError(err, `recycling ${deployment.name}'s instances`, this.ctx.errors);
    }
  }

  async logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<LogEntry[]> {
    try {
      const link = this.linkOf(deployment);
      return await recentLogs(this.clients.logs, link ? parseLambdaArn(link.arn)!.functionName : deployment.name, options.limit ?? 100, options.signal);
    } catch (err) {
      throw toUserError(err, `reading ${deployment.name}'s logs`, this.ctx.errors);
    }
  }

  async dispose(): Promise<void> {
    this.clients.destroy();
  }

  private linked(): AwsLink[] {
    return (this.links?.all() ?? []).filter((l): l is AwsLink => l.platform === 'aws');
  }

  private linkOf(deployment: Deployment): AwsLink | undefined {
    return this.linked().find((l) => l.name === deployment.name && l.arn === deployment.endpoint);
  }

  /** What Lambda calls the function: a linked function's ARN, else its name. */
  private ref(deployment: Deployment): string {
    return this.linkOf(deployment)?.arn ?? deployment.name;
  }

  /** A changed function as its caller knows it: under its link name when it is linked. */
  private as(deployment: Deployment, changed: Deployment): Deployment {
    const link = this.linkOf(deployment);
    return link ? { ...changed, name: link.name, endpoint: link.arn, managed: false } : changed;
  }

  /** The engine for container images, checked once it answers. */
  private async docker(): Promise<Docker> {
    if (this.dockerClient) return this.dockerClient;
    const docker = new Docker(this.engine.options);
    const problem = await pingEngine(docker);
    if (problem !== undefined) {
      throw new UserError(
        `Container-image functions are built on a Docker engine, and none answered at ${this.engine.display} (${problem}): start Docker or set faasLab.docker.host, ` +
          'or deploy as a zip package (package=zip in the @faas annotation, or faasLab.aws.packageType)',
      );
    }
    this.dockerClient = docker;
    return docker;
  }

  private async updateConfiguration(
    current: FunctionState,
    change: Omit<ConstructorParameters<typeof UpdateFunctionConfigurationCommand>[0], 'FunctionName'>,
    signal?: AbortSignal,
  ): Promise<Deployment> {
    const name = current.config.FunctionName!;
    const { lambda } = this.clients;
    await this.settled(current, signal);
    await whenSettled(lambda, name, this.ctx.timing, () => lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, ...change }), { abortSignal: signal }), signal);
    return toDeployment(await waitUntilSettled(lambda, name, this.ctx.timing, signal), current.tags)!;
  }

  /** The function's configuration once it accepts changes (GetFunction's, when it already does). */
  private settled(current: FunctionState, signal?: AbortSignal): Promise<FunctionConfiguration> {
    const name = current.config.FunctionName!;
    return isSettled(current.config, name) ? Promise.resolve(current.config) : waitUntilSettled(this.clients.lambda, name, this.ctx.timing, signal);
  }

  private async require(name: string, signal?: AbortSignal): Promise<FunctionState> {
    const found = await getFunction(this.clients.lambda, name, signal);
    if (!found) throw new UserError(`No Lambda function '${name}'${this.ctx.errors.region ? ` in ${this.ctx.errors.region}` : ''}: deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
    return found;
  }

  private role(signal?: AbortSignal): Promise<{ arn: string; created: boolean }> {
    if (this.ctx.roleArnSetting) return Promise.resolve({ arn: this.ctx.roleArnSetting, created: false });
    if (!this.rolePromise) {
      const pending = this.clients.region().then((region) => ensureRole(this.clients.iam, region, this.confirmCreateRole, signal));
      // A refusal or failure is not remembered: the next deploy asks again.
      pending.catch(() => {
        if (this.rolePromise === pending) this.rolePromise = undefined;
      });
      this.rolePromise = pending;
    }
    return this.rolePromise;
  }
}
