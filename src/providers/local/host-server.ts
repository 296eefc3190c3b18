// The local host: one process per workspace that holds the local platform's instances, so the CLI
// and the editor share warm instances. It listens on 127.0.0.1 only; every request carries its
// token; it stops itself after an idle time, or when its discovery file stops naming it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deployment, Invocation, Provider } from '../../core/model';
import { makeStateSubdir } from '../../core/state-dir';
import { discoveryNames, hostFiles, publishDiscovery, withdrawDiscovery, type HostDiscovery } from './host-discovery';
import { awsError, awsInvoke, functionUrlCall, isAwsInvoke, isFunctionUrl, type FunctionsByName } from './host-function-urls';
import { answer, presentedTokens, readBody, tokenMatches } from './host-http';
import { API_PREFIX, HOST_OPERATIONS, artifactFromWire, errorToWire, type HostOperation, type WireArtifact } from './host-wire';

export interface LocalHostOptions {
  root: string;
  /** The in-process local platform the host serves (its LocalProvider). */
  provider: Provider;
  /** No request for this long (and none running): the host stops. */
  idleMs: number;
  /** One line per request and event, for host.log or the terminal. */
  log: (line: string) => void;
}

/** How often idleness and the discovery file are checked. */
const CHECK_MS = 2000;

export class LocalHost {
  readonly token = randomBytes(24).toString('hex');
  /** Resolves with why the host stopped. */
  readonly stopped: Promise<string>;
  private server: Server | undefined;
  private running = 0;
  private lastActive = Date.now();
  private checkTimer: NodeJS.Timeout | undefined;
  private resolveStopped!: (reason: string) => void;

  constructor(private readonly options: LocalHostOptions) {
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
  }

  /** Listens, publishes the discovery file; throws when another live host of the workspace has it. */
  async start(): Promise<HostDiscovery> {
    const files = hostFiles(this.options.root);
    makeStateSubdir(files.dir);
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const discovery: HostDiscovery = {
      pid: process.pid,
      port,
      token: this.token,
      startedAt: new Date().toISOString(),
      urls: { api: `${base}${API_PREFIX}`, aws: base, openfaas: `${base}/function/<name>?token=${this.token}` },
    };
    const other = publishDiscovery(files.discovery, discovery);
    if (other !== undefined) {
      await new Promise((resolve) => server.close(resolve));
      throw new HostAlreadyRunning(other, files.discovery);
    }
    this.checkTimer = setInterval(() => this.check(), Math.min(CHECK_MS, Math.max(50, this.options.idleMs / 2)));
    this.options.log(`listening on ${base} (pid ${process.pid}); stops after ${Math.round(this.options.idleMs / 1000)} s idle`);
    return discovery;
  }

  async stop(reason: string): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    clearInterval(this.checkTimer);
    withdrawDiscovery(hostFiles(this.options.root).discovery, process.pid);
    this.options.log(`stopping: ${reason}`);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    this.resolveStopped(reason);
  }

  private check(): void {
    if (!discoveryNames(hostFiles(this.options.root).discovery, process.pid)) {
      void this.stop('its discovery file was removed or replaced');
    } else if (this.running === 0 && Date.now() - this.lastActive >= this.options.idleMs) {
      void this.stop(`idle for ${Math.round(this.options.idleMs / 1000)} s`);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.running++;
    this.lastActive = Date.now();
    const cancel = new AbortController();
    // The client going away before its answer cancels the call.
    res.once('close', () => {
      this.running--;
      this.lastActive = Date.now();
      if (!res.writableFinished) cancel.abort(new Error('the client went away'));
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      await this.route(req, res, url, cancel.signal);
    } catch (err) {
      this.options.log(`${req.method} ${url.pathname}: ${(err as Error).message}`);
      answer(res, 500, JSON.stringify({ error: errorToWire(err) }));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, signal: AbortSignal): Promise<void> {
    const functionUrl = isFunctionUrl(url.pathname);
    const aws = isAwsInvoke(url.pathname);
    if (!tokenMatches(presentedTokens(req, url, functionUrl), this.token)) {
      const hint = `the local host's token is in ${hostFiles(this.options.root).discovery}`;
      if (aws) return awsError(res, 403, 'UnrecognizedClientException', `The security token included in the request is invalid: use the token as the access key id (${hint})`);
      return answer(res, 403, JSON.stringify({ error: { kind: 'user', message: `Missing or wrong token: ${hint}` } }));
    }
    if (aws) return awsInvoke(req, res, url, this.byName, signal);
    if (functionUrl) return functionUrlCall(req, res, url, this.byName, signal);
    const op = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : '';
    if (req.method !== 'POST' || !(HOST_OPERATIONS as readonly string[]).includes(op)) {
      return answer(res, 404, JSON.stringify({ error: { kind: 'user', message: `No such local host operation: ${req.method} ${url.pathname}` } }));
    }
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
    try {
      const value = await this.operation(op as HostOperation, body, signal);
      answer(res, 200, JSON.stringify({ value: value ?? null }));
    } catch (err) {
      answer(res, 400, JSON.stringify({ error: errorToWire(err) }));
    }
  }

  /** FaaS Lab's API: each operation is a plain call into the host's local platform. */
  private operation(op: HostOperation, body: Record<string, unknown>, signal: AbortSignal): Promise<unknown> {
    const p = this.options.provider;
    const deployment = body.deployment as Deployment;
    switch (op) {
      case 'ping':
        return Promise.resolve({ pid: process.pid });
      case 'readiness':
        return p.readiness();
      case 'deploy':
        return p.deploy(body.spec as Parameters<Provider['deploy']>[0], artifactFromWire(body.artifact as WireArtifact), signal);
      case 'configure':
        return p.configure(deployment, body.change as Parameters<Provider['configure']>[1], signal);
      case 'invoke':
        return this.invoke(deployment, body.payload, signal);
      case 'list':
        return p.list(signal);
      case 'get':
        return p.get(String(body.name), signal);
      case 'remove':
        return p.remove(deployment, signal);
      case 'recycle':
        return p.recycle(deployment, signal);
      case 'logs':
        return p.logs!(deployment, { limit: body.limit as number | undefined, signal });
    }
  }

  private async invoke(deployment: Deployment, payload: unknown, signal: AbortSignal | undefined): Promise<Invocation> {
    const inv = await this.options.provider.invoke(deployment, payload, { signal });
    this.options.log(`invoke ${deployment.name}: ${inv.status}${inv.cold ? ' (cold)' : ''} ${inv.roundTripMs} ms`);
    return inv;
  }

  private readonly byName: FunctionsByName = {
    has: async (name) => (await this.options.provider.get(name)) !== undefined,
    call: async (name, payload, signal) => {
      const deployment = await this.options.provider.get(name, signal);
      return deployment && this.invoke(deployment, payload, signal);
    },
  };
}

export class HostAlreadyRunning extends Error {
  constructor(
    readonly pid: number,
    file: string,
  ) {
    super(`A local host already runs for this workspace (pid ${pid}, see ${file}): use it, or stop it first`);
  }
}
