// One function instance on Docker: a container from the function's image, with the memory size
// as its memory limit and a CPU share tied to it, serving one call at a time over the shim's
// HTTP entry. Its stdout and stderr are the function's logs.
import type Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { UserError, type NestedInvocation } from '../../core/model';
import { CallOutput, type OutputStream } from '../shared/call-output';
import { InstanceFailure, type FailureKind } from '../shared/instance-failure';
import type { LogSink } from '../shared/instance-platform';
import type { InvokeEndpoint, InvokeGrant } from '../shared/invoke-endpoint';
import { onLines } from '../shared/lines';
import { answerNested, type InvokeByName } from '../shared/nested-calls';
import { freePort } from '../shared/ports';
import { callShim, health, ShimUnreachable, type ShimAddress, type ShimOutcome } from './shim-client';

export interface InstanceSpec {
  functionName: string;
  image: string;
  /** Environment of the container (user env and FAASLAB_*), without PORT, which is per instance. */
  env: Record<string, string>;
  memoryMB: number;
  nanoCpus: number;
  /** `host` (a free loopback port per container), or a network with a published loopback port. */
  networkMode: string;
  labels: Record<string, string>;
  /** Identifies the image and configuration the instance runs; a changed key retires it. */
  configKey: string;
}

export type InstanceState = 'starting' | 'idle' | 'busy' | 'dead';
/** The shim's answer, when it arrived (epoch and performance.now() ms), its size, the call's log lines and the calls it made. */
export type CallAnswer = ShimOutcome & { logs: string[]; nested?: NestedInvocation[]; answeredAt: number; answeredMono: number; answerBytes: number };

/** How the handler's `context.invoke` reaches the platform: its endpoint, and who calls the function named. */
export interface NestedRoute {
  endpoint: InvokeEndpoint;
  invoke: InvokeByName;
}

const HEALTH_POLL_MS = 10;
const STDERR_TAIL_LINES = 20;
/** The shim's port inside the container when it is published rather than on the host network. */
const SHIM_PORT = 8080;
/** How long a container that broke a connection may take to be seen as exited. */
const EXIT_WAIT_MS = 5_000;

export class DockerInstance {
  state: InstanceState = 'starting';
  containerId: string | undefined;
  uuid: string | undefined;
  initDurationMs: number | undefined;
  /** Calls served so far (0 until the first one ends). */
  calls = 0;
  /** Set when its code or configuration changed: it finishes its call, then stops. */
  retired = false;
  /** Resolves once the container has exited and is removed. */
  readonly exited: Promise<void>;
  onExit?: (instance: DockerInstance) => void;

  private container: Docker.Container | undefined;
  private address: ShimAddress | undefined;
  private killedFor: FailureKind | undefined;
  private exit: { exitCode: number | null; oomKilled: boolean } | undefined;
  private readonly stderrTail: string[] = [];
  /** The current call's output, up to its end marker. */
  private readonly out: CallOutput;
  private nextId = 1;
  /** The current call's nested calls, in the order they ended. */
  private nested: NestedInvocation[] | undefined;
  private grant: InvokeGrant | undefined;
  private markExited!: () => void;
  private readonly created: Promise<void>;
  private markCreated!: () => void;

  constructor(
    private readonly docker: Docker,
    readonly spec: InstanceSpec,
    sink: LogSink<DockerInstance>,
    private readonly route?: NestedRoute,
  ) {
    this.out = new CallOutput((stream, line) => sink(stream, line, this));
    this.exited = new Promise((resolve) => (this.markExited = resolve));
    // Settles once creating the container succeeded or failed: a kill before that waits for it.
    this.created = new Promise((resolve) => (this.markCreated = resolve));
  }

  /**
   * Creates and starts the container and waits until the shim answers /healthz. Rejects with an
   * InstanceFailure when the container exits or is killed first (init timeout, memory).
   */
  async start(): Promise<void> {
    const startedAt = performance.now();
    try {
      await this.create();
    } catch (err) {
      // A container that was created but could not start must not stay behind.
      await this.container?.remove({ force: true }).catch(() => undefined);
      this.finish();
      throw err;
    } finally {
      this.markCreated();
    }
    void this.watchExit();
    for (;;) {
      if (this.exit || this.killedFor) throw await this.failure('init');
      const answer = this.address ? await health(this.address) : undefined;
      if (answer && !this.killedFor && !this.exit) {
        this.uuid = answer.uuid;
        this.initDurationMs = performance.now() - startedAt;
        this.state = 'idle';
        return;
      }
      await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
    }
  }

  /** Sends one call; resolves with the shim's answer, rejects with an InstanceFailure. */
  async call(payloadJson: string | undefined, answered?: () => void): Promise<CallAnswer> {
    if (this.state !== 'idle' || !this.address) throw new Error(`Instance ${this.containerId} is ${this.state}, not idle`);
    this.state = 'busy';
    const end = this.out.begin(this.nextId++);
    this.nested = undefined;
    let outcome: ShimOutcome & { answerBytes: number };
    try {
      outcome = await callShim(this.address, payloadJson, end);
    } catch (err) {
      if (!(err instanceof ShimUnreachable)) throw err;
      throw await this.failure('call');
    }
    const answeredAt = Date.now();
    const answeredMono = performance.now();
    if (this.killedFor) throw await this.failure('call');
    answered?.();
    // The output reaches us by the attach stream: the call ends once both streams' end markers are in.
    const logs = await this.out.end();
    const nested = this.nested;
    this.nested = undefined;
    this.calls += 1;
    if (this.state === 'busy') this.state = 'idle';
    return { ...outcome, logs, ...(nested ? { nested } : {}), answeredAt, answeredMono };
  }

  /** Log lines written during the current call so far (for calls that end in a failure). */
  currentCallLogs(): string[] {
    return [...(this.out.logs ?? [])];
  }

  /** Stops the container now (SIGKILL) and removes it; a call in flight fails with `kind`. */
  kill(kind: FailureKind): void {
    if (this.state === 'dead') return;
    this.killedFor ??= kind;
    void this.created.then(() => this.container?.remove({ force: true }).catch(() => undefined));
  }

  private async create(): Promise<void> {
    const env = { ...this.spec.env };
    const hostNetwork = this.spec.networkMode === 'host';
    let port = SHIM_PORT;
    if (hostNetwork) {
      port = await freePort();
      // Only the loopback interface: the host network is the machine's own.
      env.FAASLAB_HTTP_HOST = '127.0.0.1';
    }
    env.PORT = String(port);
    if (this.route) await this.grantInvoke(env, hostNetwork);
    const hostConfig: Docker.HostConfig = {
      Memory: Math.round(this.spec.memoryMB * 1024 * 1024),
      // No swap: the memory size is the limit, as on a cloud.
      MemorySwap: Math.round(this.spec.memoryMB * 1024 * 1024),
      NanoCpus: this.spec.nanoCpus,
      NetworkMode: this.spec.networkMode,
      // Elsewhere than the host network the provider's loopback endpoint is the engine host's (Docker Desktop).
      ...(this.route && !hostNetwork ? { ExtraHosts: ['host.docker.internal:host-gateway'] } : {}),
    };
    const options: Docker.ContainerCreateOptions = {
      Image: this.spec.image,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      Labels: this.spec.labels,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      HostConfig: hostConfig,
    };
    if (!hostNetwork) {
      options.ExposedPorts = { [`${SHIM_PORT}/tcp`]: {} };
      hostConfig.PortBindings = { [`${SHIM_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] };
    }
    try {
      this.container = await this.docker.createContainer(options);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) {
        throw new UserError(`The image of ${this.spec.functionName} (${this.spec.image}) is no longer on the Docker engine: deploy the function again`);
      }
      throw err;
    }
    this.containerId = this.container.id;
    await this.attachLogs(this.container);
    await this.container.start();
    if (hostNetwork) {
      this.address = { host: '127.0.0.1', port };
      return;
    }
    const info = await this.container.inspect();
    const published = info.NetworkSettings.Ports?.[`${SHIM_PORT}/tcp`]?.[0]?.HostPort;
    if (!published) throw new UserError(`Docker did not publish a port for ${this.spec.functionName}'s container on network ${this.spec.networkMode}: set faasLab.docker.networkMode to host or bridge`);
    this.address = { host: '127.0.0.1', port: Number(published) };
  }

  /** Gives the container its own token for the provider's invoke endpoint, and where that is. */
  private async grantInvoke(env: Record<string, string>, hostNetwork: boolean): Promise<void> {
    const route = this.route!;
    this.grant = await route.endpoint.grant((name, payload) =>
      answerNested(route.invoke, name, payload, (call) => {
        if (this.state === 'busy') (this.nested ??= []).push(call);
      }),
    );
    env.FAASLAB_INVOKE_URL = `http://${hostNetwork ? '127.0.0.1' : 'host.docker.internal'}:${this.grant.port}/invoke`;
    env.FAASLAB_INVOKE_TOKEN = this.grant.token;
  }

  private async attachLogs(container: Docker.Container): Promise<void> {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    this.docker.modem.demuxStream(stream, stdout, stderr);
    stream.on('end', () => {
      stdout.end();
      stderr.end();
      this.out.close('stdout');
      this.out.close('stderr');
    });
    stream.on('error', () => undefined);
    onLines(stdout, (line) => this.output('stdout', line));
    onLines(stderr, (line) => this.output('stderr', line));
  }

  private output(stream: OutputStream, raw: string): void {
    const line = this.out.strip(stream, raw);
    if (line === undefined) return;
    if (stream === 'stderr') {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    }
    this.out.add(stream, line);
  }

  /** Waits for the container to stop, records how it ended, removes it. */
  private async watchExit(): Promise<void> {
    const container = this.container!;
    try {
      const result = (await container.wait()) as { StatusCode?: number };
      let oomKilled = false;
      try {
        oomKilled = (await container.inspect()).State.OOMKilled === true;
      } catch {
        // Already removed (killed by us): it was not the kernel's doing.
      }
      this.exit = { exitCode: result.StatusCode ?? null, oomKilled };
    } catch {
      // Removed while waiting: the kill that removed it says why.
      this.exit = { exitCode: null, oomKilled: false };
    }
    await container.remove({ force: true }).catch(() => undefined);
    this.finish();
  }

  private finish(): void {
    if (this.state === 'dead') return;
    this.state = 'dead';
    this.grant?.release();
    this.markExited();
    this.onExit?.(this);
  }

  /** Why the container stopped serving, once it has exited (or after EXIT_WAIT_MS). */
  private async failure(phase: 'init' | 'call'): Promise<InstanceFailure> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(r, EXIT_WAIT_MS)))]);
    clearTimeout(timer);
    const stderrTail = [...this.stderrTail];
    let kind: FailureKind = this.killedFor ?? 'crashed';
    if (!this.killedFor && this.exit?.oomKilled) kind = 'out-of-memory';
    // V8 stopping at its heap limit is the memory size too, enforced from inside.
    if (kind === 'crashed' && stderrTail.some((l) => l.includes('JavaScript heap out of memory'))) kind = 'out-of-memory';
    if (this.state !== 'dead') this.kill(kind);
    return new InstanceFailure(kind, {
      phase,
      exitCode: this.exit?.exitCode ?? null,
      signal: this.exit?.exitCode === 137 ? 'SIGKILL' : null,
      stderrTail,
      rssMB: kind === 'out-of-memory' ? this.spec.memoryMB : undefined,
    });
  }
}
