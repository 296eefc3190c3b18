// The local platform: functions run as child processes on this machine, with a cloud's
// behaviour (cold and warm instances, one call per instance, keep-alive, concurrency limit,
// enforced memory size and timeout, CPU share from the memory size) and no account or container
// engine needed.
import * as path from 'node:path';
import { BadInputError } from '../../core/bad-input';
import type { Artifact, ConfigureChange, Deployment, FunctionSpec, Invocation, InvokeOptions, Provider, Readiness } from '../../core/model';
import { checkDeployable, deploymentOf } from '../shared/deployments';
import { InstancePlatform, type InstancePlatformOptions, type InstancePlatformWords, type LogSink } from '../shared/instance-platform';
import type { InstanceLogEntry } from '../shared/log-store';
import { isValidFunctionName } from '../shared/names';
import { encodePayload, payloadLimitsOf } from '../shared/payload';
import { CpuQuota } from './cpu-quota';
import { cpuTimeAvailable } from './cpu-time';
import { checkRuntimes, resolveRuntimes, type Runtimes } from './executables';
import { Instance, type InstanceLaunch } from './instance';
import { localCallHooks } from './invoke';
import { launchFor } from './launch';
import { MemoryWatch } from './memory-watch';
import { PythonDepsCache } from './python-deps';
import { SpawnQueue, type SpawnQueueOptions } from './spawn-queue';
import { LocalState, type CurrentFunction, type StoredFunction } from './state';
import { RAISE_PAYLOAD_LIMIT, localPlatform } from './descriptor';

export interface LocalProviderOptions extends InstancePlatformOptions {
  /** Where deployments, code and logs live, e.g. `<workspace>/.faaslab/local`. */
  stateDir: string;
  /** Node executable for Node functions; default: see resolveRuntimes. */
  nodePath?: string;
  /** Python 3.9+ executable for Python functions. Default `python3`. */
  pythonPath?: string;
  /**
   * Whether a call's CPU time per 100 ms is limited to memoryMB / 1769 of one core, as on AWS Lambda.
   * Default true; it needs Linux's /proc and is off elsewhere.
   */
  cpuScaling?: boolean;
  /** Largest payload a call takes, in MB. Default 6, AWS Lambda's synchronous limit. */
  maxPayloadMB?: number;
  /**
   * How instance processes are spawned (see SpawnQueue); Infinity for both spawns every waiting one
   * in the same turn, as without a queue (the bench's baseline).
   */
  spawns?: SpawnQueueOptions;
}

const WORDS: InstancePlatformWords = {
  platform: 'local',
  instances: 'instances',
  goneOnItsOwn: 'it exited on its own',
  stopped: (f) => `The local platform stopped ${f.name}'s instance during the call (the function was removed or FaaS Lab was closing).`,
  concurrencyLimit: 'the local concurrency limit',
  concurrencySetting: 'faasLab.local.maxConcurrency',
};

export class LocalProvider extends InstancePlatform<Instance, InstanceLaunch> implements Provider {
  readonly id = localPlatform.id;
  readonly displayName = localPlatform.displayName;

  private readonly state: LocalState;
  private readonly runtimes: Runtimes;
  private readonly memoryWatch = new MemoryWatch();
  /** One for all functions: it is this process's event loop that each spawn blocks. */
  private readonly spawnQueue: SpawnQueue;
  private readonly pythonDeps: PythonDepsCache;
  private readonly cpuQuota: CpuQuota | undefined;
  private readonly cpuScalingNote: string;
  /** deployment.json as last read, re-read when its mtime changes (another process deployed). */
  private readonly records = new Map<string, CurrentFunction>();
  /** How each record's instances start, built once per record rather than per call. */
  private readonly launches = new WeakMap<CurrentFunction, InstanceLaunch>();

  constructor(options: LocalProviderOptions) {
    super(WORDS, options, payloadLimitsOf(localPlatform, options.maxPayloadMB, RAISE_PAYLOAD_LIMIT));
    this.state = new LocalState(options.stateDir);
    this.runtimes = resolveRuntimes(options.nodePath, options.pythonPath);
    this.spawnQueue = new SpawnQueue(options.spawns);
    this.pythonDeps = new PythonDepsCache(path.join(options.stateDir, 'python-deps'), this.runtimes.python);
    if (options.cpuScaling === false) {
      this.cpuScalingNote = 'CPU not scaled with memory size (faasLab.local.cpuScaling is off)';
    } else if (!cpuTimeAvailable()) {
      this.cpuScalingNote = `CPU not scaled with memory size: that needs Linux's /proc, which ${process.platform} does not have`;
    } else {
      this.cpuQuota = new CpuQuota();
      this.cpuScalingNote = 'CPU scaled with memory size (1769 MB = 1 core, as on AWS Lambda)';
    }
  }

  async readiness(): Promise<Readiness> {
    const r = await checkRuntimes(this.runtimes);
    return r.ready ? { ...r, detail: [r.detail, this.cpuScalingNote].filter(Boolean).join('; ') } : r;
  }

  async deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    checkDeployable('local', spec, artifact);
    // Installed (or found in the cache) before anything is recorded, so a failed install deploys nothing.
    const depsDir = artifact.language === 'python' ? await this.pythonDeps.folderFor(spec.name, artifact.requirements, signal) : undefined;
    await this.state.makeFunctionDir(spec.name);
    const codeDir = await this.state.writeCode(spec.name, artifact);
    const previous = await this.state.read(spec.name);
    const deployment = deploymentOf('local', spec, artifact);
    const stored: StoredFunction = {
      deployment,
      artifact: { entry: artifact.entry, handler: artifact.handler, language: artifact.language, runtime: artifact.runtime, ...(depsDir ? { depsDir } : {}) },
    };
    if (previous && sameStored(previous, stored)) return previous.deployment;
    await this.state.write(stored);
    const current = await this.reload(spec.name);
    // Instances running the old code or settings finish their call, then stop.
    this.retireStale(spec.name, this.launchOf(current).configKey, 'a new version was deployed');
    await this.state.pruneCode(spec.name, [codeDir, ...this.codeInUse(spec.name)]);
    return deployment;
  }

  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    const current = await this.require(deployment.name);
    const updated = this.configured(current.deployment, change);
    await this.state.write({ deployment: updated, artifact: current.artifact });
    const reloaded = await this.reload(deployment.name);
    // A new memory size means new instances, as on Lambda.
    this.retireStale(deployment.name, this.launchOf(reloaded).configKey, 'its configuration changed');
    return updated;
  }

  override async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    this.checkCallable(options.signal);
    const payloadJson = encodePayload(payload, this.payloadLimits.request);
    const fn = await this.current(deployment.name);
    const limits = this.limitsOf(fn.deployment);
    const hooks = localCallHooks({ fn, limits, words: WORDS, memoryWatch: this.memoryWatch, cpuQuota: this.cpuQuota, payloadJson });
    return this.callFunction(fn.deployment.name, this.launchOf(fn), limits, hooks, options.signal);
  }

  async list(signal?: AbortSignal): Promise<Deployment[]> {
    signal?.throwIfAborted();
    return (await this.state.list()).map((s) => s.deployment);
  }

  override async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    signal?.throwIfAborted();
    if (!isValidFunctionName(name)) return undefined;
    return (await this.state.read(name))?.deployment;
  }

  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await this.stopFunction(deployment.name);
    this.records.delete(deployment.name);
    await this.state.remove(deployment.name);
  }

  logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<InstanceLogEntry[]> {
    return this.tailLog(deployment.name, options);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    this.memoryWatch.stop();
  }

  protected createInstance(launch: InstanceLaunch, sink: LogSink<Instance>): Instance {
    return new Instance(launch, sink, { invoke: this.invokeByName, spawnQueue: this.spawnQueue });
  }

  protected specOf(instance: Instance): InstanceLaunch {
    return instance.launch;
  }

  protected logFile(name: string): string {
    return this.state.logFile(name);
  }

  protected logFields(instance: Instance): Pick<InstanceLogEntry, 'pid' | 'instance'> {
    return { pid: instance.pid, instance: instance.uuid };
  }

  protected stoppedMessage(_instance: Instance, reason: string): string {
    return `instance stopped: ${reason}`;
  }

  protected instanceStopped(name: string, instance: Instance): void {
    const current = this.records.get(name);
    // Old code stays on disk while an instance still runs it; the last one out removes it.
    if (current && instance.launch.cwd !== current.codeDir) {
      this.state.pruneCode(name, [current.codeDir, ...this.codeInUse(name)]).catch(() => undefined);
    }
  }

  private launchOf(fn: CurrentFunction): InstanceLaunch {
    let launch = this.launches.get(fn);
    if (!launch) {
      launch = launchFor(fn, this.runtimes);
      this.launches.set(fn, launch);
    }
    return launch;
  }

  /** Code folders live instances run from (kept on disk until they stop). */
  private codeInUse(name: string): string[] {
    return [...new Set(this.instancesOf(name).map((i) => i.launch.cwd))];
  }

  /** The function's record, re-read only when deployment.json changed on disk. */
  private async current(name: string): Promise<CurrentFunction> {
    const cached = this.records.get(name);
    const mtime = isValidFunctionName(name) ? this.state.recordMtimeMs(name) : undefined;
    if (cached && mtime === cached.recordMtimeMs) return cached;
    if (mtime === undefined) {
      this.records.delete(name);
      throw new BadInputError(`No local function '${name}': deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
    }
    return this.reload(name);
  }

  private async require(name: string): Promise<CurrentFunction> {
    const fn = isValidFunctionName(name) ? await this.state.read(name) : undefined;
    if (!fn) throw new BadInputError(`No local function '${name}': deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
    return fn;
  }

  private async reload(name: string): Promise<CurrentFunction> {
    const fn = await this.require(name);
    this.records.set(name, fn);
    return fn;
  }
}

function sameStored(a: StoredFunction, b: StoredFunction): boolean {
  const strip = (s: StoredFunction) => JSON.stringify([{ ...s.deployment, updatedAt: '' }, s.artifact]);
  return strip(a) === strip(b);
}
