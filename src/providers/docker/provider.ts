// The Docker platform: functions run as containers on a Docker engine (this machine's or one
// DOCKER_HOST names), with a cloud's behaviour: cold and warm containers, one call per
// container, keep-alive, concurrency limit, and the memory size as a real memory limit with a
// CPU share tied to it (as Lambda ties CPU to memory).
import Docker from 'dockerode';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError, type Artifact, type ConfigureChange, type Deployment, type FunctionSpec, type Invocation, type InvokeOptions, type Provider, type Readiness } from '../../core/model';
import { makeStateSubdir } from '../../core/state-dir';
import { checkDeployable, deploymentOf } from '../shared/deployments';
import { ENGINE_FIXES, noEngineMessage, pingEngine, resolveEngineAddress, type EngineAddress } from '../shared/docker-engine/address';
import { buildImage, imageExists } from '../shared/docker-engine/images';
import { InstancePlatform, type InstancePlatformOptions, type InstancePlatformWords, type LogSink } from '../shared/instance-platform';
import { InvokeEndpoint } from '../shared/invoke-endpoint';
import type { InstanceLogEntry } from '../shared/log-store';
import { isValidFunctionName } from '../shared/names';
import { encodePayload, payloadLimitsOf } from '../shared/payload';
import { peakMemoryMB } from './cgroup-memory';
import { cpuShareNanos } from './cpu';
import { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE, missingBaseImageMessage, planImage } from './image';
import { DockerInstance, type InstanceSpec } from './instance';
import { dockerCallHooks } from './invoke';
import { LABEL, labelFilter, recordFromLabels, recordLabels, recordName, sha256, type FunctionRecord } from './labels';
import { removeContainers, removeOrphans, ownerLabel } from './orphans';
import { dockerPlatform } from './descriptor';

export interface DockerProviderOptions extends InstancePlatformOptions {
  /** Where function logs are kept, e.g. `<workspace>/.faaslab/docker`. Default: a folder in the OS temp dir. */
  stateDir?: string;
  /** Unix socket (or Windows pipe) of the engine. Wins over dockerHost and DOCKER_HOST. */
  socketPath?: string;
  /** `unix:///path`, `tcp://host:port`, `npipe://...`; default DOCKER_HOST, else the usual socket. */
  dockerHost?: string;
  /** Base image for Node functions: needs `node` (18+) on its PATH. Default faaslab/node:20. */
  nodeImage?: string;
  /** Base image for Python functions: needs `python3` (3.9+) on its PATH. Default faaslab/python:3. */
  pythonImage?: string;
  /**
   * `host` (default): each container's shim listens on its own free loopback port of the host
   * network; works on engines without a bridge (such as FaaS Lab's testbed). Any other network
   * (`bridge` on Docker Desktop, where the host network is a VM's) publishes the shim's port on
   * 127.0.0.1 instead.
   */
  networkMode?: string;
}

const WORDS: InstancePlatformWords = {
  platform: 'Docker',
  instances: 'containers',
  goneOnItsOwn: 'its container exited on its own',
  stopped: (f) => `FaaS Lab removed ${f.name}'s container during the call (the function was removed or FaaS Lab was closing).`,
  concurrencyLimit: "the Docker platform's concurrency limit",
  concurrencySetting: 'faasLab.docker.maxConcurrency',
};

export class DockerProvider extends InstancePlatform<DockerInstance, InstanceSpec> implements Provider {
  readonly id = dockerPlatform.id;
  readonly displayName = dockerPlatform.displayName;

  private readonly docker: Docker;
  private readonly address: EngineAddress;
  private readonly stateDir: string;
  private readonly nodeImage: string;
  private readonly pythonImage: string;
  private readonly networkMode: string;
  /** Whether the engine runs on this machine (its cgroups can be read here). */
  private readonly localEngine: boolean;
  private readonly logDirs = new Set<string>();
  private engineReady: Promise<{ cpus: number }> | undefined;
  /** Where containers' `context.invoke` calls arrive (opened with the first container). */
  private readonly invokeEndpoint = new InvokeEndpoint();

  constructor(options: DockerProviderOptions = {}) {
    super(WORDS, options, payloadLimitsOf(dockerPlatform));
    this.address = resolveEngineAddress(options.socketPath, options.dockerHost);
    this.docker = new Docker(this.address.options);
    this.stateDir = options.stateDir ?? path.join(os.tmpdir(), 'faaslab-docker');
    this.nodeImage = options.nodeImage || DEFAULT_NODE_IMAGE;
    this.pythonImage = options.pythonImage || DEFAULT_PYTHON_IMAGE;
    this.networkMode = options.networkMode || 'host';
    this.localEngine = this.address.options.socketPath !== undefined && process.platform === 'linux';
  }

  /** The engine's address as a user writes it (for messages and status). */
  get engineAddress(): string {
    return this.address.display;
  }

  async readiness(): Promise<Readiness> {
    const cause = await pingEngine(this.docker);
    if (cause !== undefined) return { ready: false, message: noEngineMessage(this.address, cause), fixes: ENGINE_FIXES };
    try {
      const [info, node, python] = await Promise.all([
        this.docker.info() as Promise<{ ServerVersion?: string; NCPU?: number }>,
        imageExists(this.docker, this.nodeImage),
        imageExists(this.docker, this.pythonImage),
      ]);
      const engine = `Docker ${info.ServerVersion ?? ''} at ${this.address.display}, ${info.NCPU ?? '?'} CPUs`;
      const imageFixes = [
        { kind: 'setting' as const, setting: 'faasLab.docker.nodeImage', label: 'Set Node base image' },
        { kind: 'setting' as const, setting: 'faasLab.docker.pythonImage', label: 'Set Python base image' },
      ];
      if (!node && !python) {
        return {
          ready: false,
          message: `${missingBaseImageMessage(this.nodeImage, 'node', this.address.display)} ${missingBaseImageMessage(this.pythonImage, 'python', this.address.display)}`,
          fixes: imageFixes,
        };
      }
      const missing = !node ? `; Node functions cannot deploy: ${missingBaseImageMessage(this.nodeImage, 'node', this.address.display)}` : !python ? `; Python functions cannot deploy: ${missingBaseImageMessage(this.pythonImage, 'python', this.address.display)}` : '';
      return { ready: true, detail: `${engine}${missing}` };
    } catch (err) {
      return { ready: false, message: noEngineMessage(this.address, (err as Error).message), fixes: ENGINE_FIXES };
    }
  }

  async deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    checkDeployable('Docker', spec, artifact);
    checkName(spec.name);
    await this.engine();
    const baseImage = artifact.language === 'node' ? this.nodeImage : this.pythonImage;
    const plan = await planImage(spec, artifact, baseImage);
    if (!plan.userDockerfile && !(await imageExists(this.docker, baseImage))) {
      throw new UserError(missingBaseImageMessage(baseImage, artifact.language, this.address.display));
    }
    if (!(await imageExists(this.docker, plan.tag))) await buildImage(this.docker, plan, artifact, signal);
    signal?.throwIfAborted();
    const previous = await this.readRecord(spec.name);
    const deployment = deploymentOf('docker', spec, artifact, plan.tag);
    if (previous && sameDeployment(previous.deployment, deployment) && previous.baseImage === plan.baseImage) return previous.deployment;
    const record = await this.writeRecord(deployment, plan.tag, plan.baseImage, previous);
    makeStateSubdir(this.functionDir(spec.name));
    // Containers running the old code or settings finish their call, then stop.
    this.retireStale(spec.name, await this.configKey(record), 'a new version was deployed');
    await this.pruneImages(spec.name, plan.tag);
    return deployment;
  }

  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    const current = await this.require(deployment.name);
    const updated = this.configured(current.deployment, change);
    const record = await this.writeRecord(updated, current.image, current.baseImage, current);
    // A new memory size means new containers, as on Lambda.
    this.retireStale(deployment.name, await this.configKey(record), 'its configuration changed');
    return updated;
  }

  override async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    this.checkCallable(options.signal);
    const payloadJson = encodePayload(payload, this.payloadLimits.request);
    const record = await this.require(deployment.name);
    const d = record.deployment;
    const limits = this.limitsOf(d);
    await this.ensureLogDir(d.name);
    const hooks = dockerCallHooks({ limits, words: WORDS, payloadJson, peakMemoryMB: (instance) => this.peakMemoryMB(instance) });
    return this.callFunction(d.name, await this.instanceSpec(record), limits, hooks, options.signal);
  }

  async list(signal?: AbortSignal): Promise<Deployment[]> {
    signal?.throwIfAborted();
    await this.engine();
    const containers = await this.docker.listContainers({ all: true, filters: labelFilter({ [LABEL.role]: 'record' }) });
    return containers
      .map((c) => recordFromLabels(c.Labels, c.Id)?.deployment)
      .filter((d): d is Deployment => d !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  override async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    signal?.throwIfAborted();
    return (await this.readRecord(name))?.deployment;
  }

  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await this.engine();
    await this.stopFunction(deployment.name);
    // Containers of other FaaS Lab processes too: removing a function removes all of it.
    const containers = await this.docker.listContainers({ all: true, filters: labelFilter({ [LABEL.function]: deployment.name }) });
    await removeContainers(this.docker, containers.map((c) => c.Id), `containers of '${deployment.name}'`);
    // Tagged images first: removing one prunes its untagged layers. Then what a failed build left.
    const byFunction = { filters: labelFilter({ [LABEL.function]: deployment.name }) };
    for (const all of [false, true]) {
      const images = await this.docker.listImages({ ...byFunction, all });
      await Promise.all(images.map((i) => this.docker.getImage(i.Id).remove({ force: true }).catch(ignoreMissing)));
    }
    this.logDirs.delete(deployment.name);
    if (isValidFunctionName(deployment.name)) await fs.rm(this.functionDir(deployment.name), { recursive: true, force: true });
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await this.invokeEndpoint.close();
  }

  async logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<InstanceLogEntry[]> {
    if (!isValidFunctionName(deployment.name)) {
      options.signal?.throwIfAborted();
      return [];
    }
    return this.tailLog(deployment.name, options);
  }

  /** The engine answered once (and leftovers of crashed FaaS Lab processes were removed); its CPU count. */
  private engine(): Promise<{ cpus: number }> {
    this.engineReady ??= (async () => {
      const cause = await pingEngine(this.docker);
      if (cause !== undefined) throw new UserError(noEngineMessage(this.address, cause));
      const info = (await this.docker.info()) as { NCPU?: number };
      await removeOrphans(this.docker);
      return { cpus: info.NCPU && info.NCPU > 0 ? info.NCPU : os.cpus().length };
    })();
    // A failed check is not remembered: the user may start Docker and retry.
    this.engineReady.catch(() => (this.engineReady = undefined));
    return this.engineReady;
  }

  private async instanceSpec(record: FunctionRecord): Promise<InstanceSpec> {
    const d = record.deployment;
    const env: Record<string, string> = {
      ...(d.env ?? {}),
      FAASLAB_FUNCTION_NAME: d.name,
      FAASLAB_MEMORY_MB: String(d.memoryMB),
      FAASLAB_TIMEOUT_S: String(d.timeoutS),
    };
    const { cpus } = await this.engine();
    const configKey = await this.configKey(record);
    return {
      functionName: d.name,
      image: record.image,
      env,
      memoryMB: d.memoryMB,
      nanoCpus: cpuShareNanos(d.memoryMB, cpus),
      networkMode: this.networkMode,
      labels: { [LABEL.managed]: 'true', [LABEL.role]: 'instance', [LABEL.function]: d.name, [LABEL.configKey]: configKey, [LABEL.owner]: ownerLabel() },
      configKey,
    };
  }

  private async configKey(record: FunctionRecord): Promise<string> {
    const d = record.deployment;
    const { cpus } = await this.engine();
    return sha256(JSON.stringify([record.image, d.memoryMB, d.timeoutS, d.env ?? {}, this.networkMode, cpus])).slice(0, 16);
  }

  private async readRecord(name: string): Promise<FunctionRecord | undefined> {
    if (!isValidFunctionName(name)) return undefined;
    await this.engine();
    try {
      const info = await this.docker.getContainer(recordName(name)).inspect();
      return recordFromLabels(info.Config.Labels, info.Id);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  private async require(name: string): Promise<FunctionRecord> {
    const record = await this.readRecord(name);
    if (!record) throw new UserError(`No Docker function '${name}': deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
    return record;
  }

  /**
   * Replaces the function's record: the new one is created beside the old, which is removed,
   * then renamed into place, so list() never misses a function that exists.
   */
  private async writeRecord(d: Deployment, image: string, baseImage: string, previous: FunctionRecord | undefined): Promise<FunctionRecord> {
    const name = recordName(d.name);
    const labels = recordLabels(d, image, baseImage);
    const create = (containerName: string) =>
      this.docker.createContainer({ name: containerName, Image: image, Labels: labels, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    let container: Docker.Container;
    if (!previous) {
      container = await create(name);
    } else {
      container = await create(`${name}-${Date.now().toString(36)}`);
      await this.docker.getContainer(previous.containerId).remove({ force: true }).catch(ignoreMissing);
      await container.rename({ name });
    }
    return { deployment: d, image, baseImage, containerId: container.id };
  }

  /** Removes the function's images other than `keep`; one still used by a running container stays until it stops. */
  private async pruneImages(name: string, keep: string): Promise<void> {
    const images = await this.docker.listImages({ filters: labelFilter({ [LABEL.function]: name }) });
    await Promise.all(
      images
        .filter((i) => !(i.RepoTags ?? []).includes(keep))
        .map((i) => this.docker.getImage(i.Id).remove().catch(() => undefined)),
    );
  }

  /** The container's peak memory use, where this machine's cgroups tell it (a local engine). */
  private peakMemoryMB(instance: DockerInstance): number | undefined {
    return this.localEngine && instance.containerId ? peakMemoryMB(instance.containerId) : undefined;
  }

  protected createInstance(spec: InstanceSpec, sink: LogSink<DockerInstance>): DockerInstance {
    return new DockerInstance(this.docker, spec, sink, { endpoint: this.invokeEndpoint, invoke: this.invokeByName });
  }

  protected specOf(instance: DockerInstance): InstanceSpec {
    return instance.spec;
  }

  protected logFields(instance: DockerInstance): Pick<InstanceLogEntry, 'instance'> {
    return { instance: instance.uuid ?? instance.containerId?.slice(0, 12) };
  }

  protected stoppedMessage(instance: DockerInstance, reason: string): string | undefined {
    return instance.containerId ? `container ${instance.containerId.slice(0, 12)} removed: ${reason}` : undefined;
  }

  protected instanceStopped(name: string, instance: DockerInstance): void {
    // An old image a retired container was still running can go now.
    if (!this.disposed) {
      void this.readRecord(name)
        .then((record) => (record && record.image !== instance.spec.image ? this.pruneImages(name, record.image) : undefined))
        .catch(() => undefined);
    }
  }

  private functionDir(name: string): string {
    return path.join(this.stateDir, 'functions', name);
  }

  protected logFile(name: string): string {
    return path.join(this.functionDir(name), 'logs.jsonl');
  }

  private async ensureLogDir(name: string): Promise<void> {
    if (this.logDirs.has(name)) return;
    makeStateSubdir(this.functionDir(name));
    this.logDirs.add(name);
  }
}

/** Equal in everything a deploy sets (labels do not keep key order, so field by field). */
function sameDeployment(a: Deployment, b: Deployment): boolean {
  const env = (d: Deployment) => JSON.stringify(Object.entries(d.env ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  const fields = ['language', 'runtime', 'memoryMB', 'timeoutS', 'codeHash', 'endpoint', 'sourceFile', 'handler'] as const;
  return fields.every((f) => a[f] === b[f]) && env(a) === env(b);
}

function checkName(name: string): void {
  if (!isValidFunctionName(name)) {
    throw new UserError(`'${name}' cannot be a Docker function name: use letters, digits, '-', '_' and '.', starting with a letter or digit`);
  }
}

/** Removing what is already gone, or going (409: removal in progress), is done. */
function ignoreMissing(err: unknown): void {
  const status = (err as { statusCode?: number }).statusCode;
  if (status !== 404 && status !== 409) throw err;
}
