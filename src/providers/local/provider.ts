// The local platform: functions run as child processes on this machine, with a cloud's
// behaviour (cold and warm instances, one call per instance, keep-alive, concurrency limit,
// enforced memory size and timeout, CPU share from the memory size) and no account or container
// engine needed.
import { promises as fs } from 'node:fs';
import {
  UserError,
  type Artifact,
  type ConfigureChange,
  type Deployment,
  type FunctionSpec,
  type Invocation,
  type InvokeOptions,
  type Provider,
  type Readiness,
} from '../../core/model';
import { CpuQuota } from './cpu-quota';
import { cpuTimeAvailable } from './cpu-time';
import { checkRuntimes, resolveRuntimes, type Runtimes } from './executables';
import { DEFAULT_KEEP_ALIVE_MS, DEFAULT_MAX_CONCURRENCY, abortError, checkLimits, encodePayload, limitsOf } from '../shared/calls';
import type { Instance, InstanceLaunch } from './instance';
import { callFunction } from './invoke';
import { launchFor } from './launch';
import { LogStore, type LocalLogEntry } from './log-store';
import { MemoryWatch } from './memory-watch';
import { codeDirsOf, createFunctionPool, type FunctionPool } from './pool';
import { LocalState, isValidFunctionName, type CurrentFunction, type StoredFunction } from './state';

export interface LocalProviderOptions {
  /** Where deployments, code and logs live, e.g. `<workspace>/.faaslab/local`. */
  stateDir: string;
  /** How long an idle instance stays warm. Default 5 minutes. */
  keepAliveMs?: number;
  /** Most instances of one function at once; calls beyond are throttled. Default 100. */
  maxConcurrency?: number;
  /** Node executable for Node functions; default: see resolveRuntimes. */
  nodePath?: string;
  /** Python 3.9+ executable for Python functions. Default `python3`. */
  pythonPath?: string;
  /**
   * Whether a call's CPU time per 100 ms is limited to memoryMB / 1769 of one core, as on AWS Lambda.
   * Default true; it needs Linux's /proc and is off elsewhere.
   */
  cpuScaling?: boolean;
}

export { DEFAULT_KEEP_ALIVE_MS, DEFAULT_MAX_CONCURRENCY } from '../shared/calls';

export class LocalProvider implements Provider {
  readonly id = 'local' as const;
  readonly displayName = 'Local';

  private readonly state: LocalState;
  private readonly runtimes: Runtimes;
  private readonly logStore = new LogStore();
  private readonly memoryWatch = new MemoryWatch();
  private readonly cpuQuota: CpuQuota | undefined;
  private readonly cpuScalingNote: string;
  private readonly pools = new Map<string, FunctionPool>();
  /** deployment.json as last read, re-read when its mtime changes (another process deployed). */
  private readonly records = new Map<string, CurrentFunction>();
  /** How each record's instances start, built once per record rather than per call. */
  private readonly launches = new WeakMap<CurrentFunction, InstanceLaunch>();
  private readonly keepAliveMs: number;
  private readonly maxConcurrency: number;
  private disposed = false;

  constructor(options: LocalProviderOptions) {
    this.state = new LocalState(options.stateDir);
    this.keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
    this.maxConcurrency = Math.max(1, Math.floor(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY));
    this.runtimes = resolveRuntimes(options.nodePath, options.pythonPath);
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
    if (artifact.language !== spec.language) {
      throw new Error(`Artifact for ${artifact.functionName} is ${artifact.language}, but ${spec.name} is a ${spec.language} handler`);
    }
    checkLimits('local', spec.memoryMB, spec.timeoutS);
    await fs.mkdir(this.state.functionDir(spec.name), { recursive: true });
    const codeDir = await this.state.writeCode(spec.name, artifact);
    const previous = await this.state.read(spec.name);
    const deployment: Deployment = {
      platform: 'local',
      name: spec.name,
      language: artifact.language,
      runtime: artifact.runtime,
      memoryMB: spec.memoryMB,
      timeoutS: spec.timeoutS,
      codeHash: artifact.codeHash,
      updatedAt: new Date().toISOString(),
      sourceFile: spec.file,
      handler: spec.handler,
      env: { ...spec.env },
      managed: true,
    };
    const stored: StoredFunction = {
      deployment,
      artifact: { entry: artifact.entry, handler: artifact.handler, language: artifact.language, runtime: artifact.runtime },
    };
    if (previous && sameStored(previous, stored)) return previous.deployment;
    await this.state.write(stored);
    const current = await this.reload(spec.name);
    // Instances running the old code or settings finish their call, then stop.
    this.pools.get(spec.name)?.retireStale(this.launchOf(current).configKey, 'a new version was deployed');
    await this.state.pruneCode(spec.name, [codeDir, ...this.codeInUse(spec.name)]);
    return deployment;
  }

  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    const current = await this.require(deployment.name);
    const updated: Deployment = {
      ...current.deployment,
      memoryMB: change.memoryMB ?? current.deployment.memoryMB,
      timeoutS: change.timeoutS ?? current.deployment.timeoutS,
      updatedAt: new Date().toISOString(),
    };
    checkLimits('local', updated.memoryMB, updated.timeoutS);
    await this.state.write({ deployment: updated, artifact: current.artifact });
    const reloaded = await this.reload(deployment.name);
    // A new memory size means new instances, as on Lambda.
    this.pools.get(deployment.name)?.retireStale(this.launchOf(reloaded).configKey, 'its configuration changed');
    return updated;
  }

  async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    const signal = options.signal;
    if (signal?.aborted) throw abortError(signal);
    if (this.disposed) throw new Error('The local platform has been shut down');
    const fn = await this.current(deployment.name);
    const d = fn.deployment;
    const limits = limitsOf(d, this.maxConcurrency);
    return callFunction({
      fn,
      limits,
      launch: this.launchOf(fn),
      pool: this.poolFor(d.name),
      memoryWatch: this.memoryWatch,
      cpuQuota: this.cpuQuota,
      payloadJson: encodePayload(payload),
      signal,
      log: (instance, message) => this.log(d.name, instance, 'platform', message),
    });
  }

  async list(signal?: AbortSignal): Promise<Deployment[]> {
    signal?.throwIfAborted();
    return (await this.state.list()).map((s) => s.deployment);
  }

  async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    signal?.throwIfAborted();
    if (!isValidFunctionName(name)) return undefined;
    return (await this.state.read(name))?.deployment;
  }

  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const pool = this.pools.get(deployment.name);
    this.pools.delete(deployment.name);
    await pool?.stopAll('the function was removed');
    this.logStore.forget(this.state.logFile(deployment.name));
    this.records.delete(deployment.name);
    await this.state.remove(deployment.name);
  }

  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.pools.get(deployment.name)?.retireAll('FaaS Lab recycled the function’s instances');
  }

  async logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<LocalLogEntry[]> {
    options.signal?.throwIfAborted();
    return this.logStore.tail(this.state.logFile(deployment.name), options.limit ?? 100);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.stopAll('the local platform shut down')));
    this.memoryWatch.stop();
    await this.logStore.flush();
  }

  /** How many instances a function has now (starting, busy or idle): for tests and the bench. */
  instanceCount(name: string): number {
    return this.pools.get(name)?.size ?? 0;
  }

  private poolFor(name: string): FunctionPool {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = createFunctionPool({
        maxConcurrency: this.maxConcurrency,
        keepAliveMs: this.keepAliveMs,
        logSink: (stream, line, instance) => this.log(name, instance, stream, line),
        onStopped: (instance, reason) => this.instanceStopped(name, instance, reason),
      });
      this.pools.set(name, pool);
    }
    return pool;
  }

  private instanceStopped(name: string, instance: Instance, reason: string): void {
    this.log(name, instance, 'platform', `instance stopped: ${reason}`);
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

  private codeInUse(name: string): string[] {
    const pool = this.pools.get(name);
    return pool ? codeDirsOf(pool) : [];
  }

  private log(name: string, instance: Instance, stream: LocalLogEntry['stream'], message: string): void {
    this.logStore.append(this.state.logFile(name), { time: new Date().toISOString(), stream, pid: instance.pid, instance: instance.uuid, message });
  }

  /** The function's record, re-read only when deployment.json changed on disk. */
  private async current(name: string): Promise<CurrentFunction> {
    const cached = this.records.get(name);
    const mtime = isValidFunctionName(name) ? this.state.recordMtimeMs(name) : undefined;
    if (cached && mtime === cached.recordMtimeMs) return cached;
    if (mtime === undefined) {
      this.records.delete(name);
      throw new UserError(`No local function '${name}': deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
    }
    return this.reload(name);
  }

  private async require(name: string): Promise<CurrentFunction> {
    const fn = isValidFunctionName(name) ? await this.state.read(name) : undefined;
    if (!fn) throw new UserError(`No local function '${name}': deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
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
