// The local platform as the CLI and the editor use it by default: every call goes to the
// workspace's local host (started on first use), so they share its warm instances. A host that
// went away (killed, idle-stopped) is found or started again on the next call.
import type { Artifact, ConfigureChange, Deployment, FunctionSpec, Invocation, InvokeOptions, Provider, Readiness } from '../../core/model';
import type { InstanceLogEntry } from '../shared/log-store';
import type { HostDiscovery } from './host-discovery';
import { connectHost } from './host-start';
import { API_PREFIX, TOKEN_HEADER, artifactToWire, errorFromWire, type HostOperation, type WireError } from './host-wire';
import { encodePayload, payloadLimitsOf, type PayloadLimit } from '../shared/payload';
import { RAISE_PAYLOAD_LIMIT, localPlatform } from './descriptor';

export interface RemoteLocalOptions {
  /** Workspace root: the host's files are under `<root>/.faaslab/local`. */
  root: string;
  /** How long a host this client starts stays up without requests. */
  idleSeconds: number;
  /** faasLab.local.maxPayloadMB: the payload limit, checked here before a call goes to the host. */
  maxPayloadMB?: number | undefined;
}

export class RemoteLocalProvider implements Provider {
  readonly id = localPlatform.id;
  readonly displayName = localPlatform.displayName;
  private host: Promise<HostDiscovery> | undefined;
  private readonly requestLimit: PayloadLimit | undefined;

  constructor(private readonly options: RemoteLocalOptions) {
    this.requestLimit = payloadLimitsOf(localPlatform, options.maxPayloadMB, RAISE_PAYLOAD_LIMIT).request;
  }

  async readiness(): Promise<Readiness> {
    try {
      return await this.call<Readiness>('readiness', {});
    } catch (err) {
      return { ready: false, message: (err as Error).message, fixes: [{ kind: 'setting', setting: 'faasLab.local.host', label: 'Run local functions inside this process' }] };
    }
  }

  deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
    return this.call('deploy', { spec, artifact: artifactToWire(artifact) }, signal);
  }

  configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    return this.call('configure', { deployment, change }, signal);
  }

  async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    // Refused here, as in the host, so an over-size payload is never sent (nor a host started for it).
    encodePayload(payload, this.requestLimit);
    return this.call('invoke', { deployment, payload }, options.signal);
  }

  list(signal?: AbortSignal): Promise<Deployment[]> {
    return this.call('list', {}, signal);
  }

  async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    return (await this.call<Deployment | null>('get', { name }, signal)) ?? undefined;
  }

  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    await this.call('remove', { deployment }, signal);
  }

  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    await this.call('recycle', { deployment }, signal);
  }

  logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<InstanceLogEntry[]> {
    return this.call('logs', { deployment, limit: options.limit }, options.signal);
  }

  /** The host this client talks to (started if need be): its pid, port and URLs. */
  discovery(signal?: AbortSignal): Promise<HostDiscovery> {
    this.host ??= connectHost(this.options.root, this.options.idleSeconds, signal).catch((err: unknown) => {
      this.host = undefined;
      throw err;
    });
    return this.host;
  }

  /** The host keeps running for the next client; nothing of this one's needs releasing. */
  async dispose(): Promise<void> {}

  private async call<T>(op: HostOperation, body: unknown, signal?: AbortSignal): Promise<T> {
    const text = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const host = await this.discovery(signal);
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${host.port}${API_PREFIX}${op}`, { method: 'POST', headers: { [TOKEN_HEADER]: host.token, 'content-type': 'application/json' }, body: text, signal });
      } catch (err) {
        signal?.throwIfAborted();
        // The host went away (killed, idle-stopped) before taking the request: find or start another, once.
        if (attempt === 0 && refused(err)) {
          this.host = undefined;
          continue;
        }
        throw err;
      }
      const answer = (await res.json()) as { value?: T; error?: WireError };
      if (answer.error) throw errorFromWire(answer.error, signal);
      return answer.value as T;
    }
  }
}

function refused(err: unknown): boolean {
  return (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
}
