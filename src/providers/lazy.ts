import type { Artifact, ConfigureChange, Deployment, FunctionSpec, InvokeOptions, LogEntry, Provider } from '../core/model';
import type { PlatformDescriptor } from './shared/descriptor';

/**
 * A platform whose code (cloud SDKs are megabytes) is loaded on first use rather than when the
 * extension activates or a local-only CLI command starts. What it offers beyond the required
 * methods is what its descriptor's capabilities say.
 */
export class LazyProvider implements Provider {
  readonly id: Provider['id'];
  readonly displayName: string;
  readonly logs?: (deployment: Deployment, options: { limit?: number; signal?: AbortSignal }) => Promise<LogEntry[]>;
  readonly packaging?: (spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal) => Promise<string>;
  readonly memoryFor?: (requestedMB: number) => number;
  private loaded: Provider | undefined;

  constructor(
    descriptor: PlatformDescriptor,
    private readonly load: () => Provider,
  ) {
    this.id = descriptor.id;
    this.displayName = descriptor.displayName;
    const can = descriptor.capabilities;
    if (can.logs) this.logs = (deployment, o) => this.provider().logs!(deployment, o);
    if (can.packaging) this.packaging = (spec, artifact, signal) => this.provider().packaging!(spec, artifact, signal);
    if (can.memorySizes) this.memoryFor = (requestedMB) => this.provider().memoryFor!(requestedMB);
  }
  private provider(): Provider {
    this.loaded ??= this.load();
    return this.loaded;
  }

  readiness() {
    return this.provider().readiness();
  }
  deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal, progress?: (message: string) => void) {
    return this.provider().deploy(spec, artifact, signal, progress);
  }
  configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal) {
    return this.provider().configure(deployment, change, signal);
  }
  invoke(deployment: Deployment, payload: unknown, options?: InvokeOptions) {
    return this.provider().invoke(deployment, payload, options);
  }
  checkPayload(deployment: Deployment, payload: unknown): void {
    this.provider().checkPayload?.(deployment, payload);
  }
  list(signal?: AbortSignal) {
    return this.provider().list(signal);
  }
  get(name: string, signal?: AbortSignal) {
    return this.provider().get(name, signal);
  }
  remove(deployment: Deployment, signal?: AbortSignal) {
    return this.provider().remove(deployment, signal);
  }
  recycle(deployment: Deployment, signal?: AbortSignal) {
    return this.provider().recycle(deployment, signal);
  }
  async dispose(): Promise<void> {
    await this.loaded?.dispose?.();
  }
}
