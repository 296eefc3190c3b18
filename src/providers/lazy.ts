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
    if (can.logs) this.logs = (deployment, o) => this.resolve().logs!(deployment, o);
    if (can.packaging) this.packaging = (spec, artifact, signal) => this.resolve().packaging!(spec, artifact, signal);
    if (can.memorySizes) this.memoryFor = (requestedMB) => this.resolve().memoryFor!(requestedMB);
  }
  /** The platform's own provider, its code loaded now if it was not yet (which one the settings chose). */
  resolve(): Provider {
    this.loaded ??= this.load();
    return this.loaded;
  }

  readiness() {
    return this.resolve().readiness();
  }
  deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal, progress?: (message: string) => void) {
    return this.resolve().deploy(spec, artifact, signal, progress);
  }
  configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal) {
    return this.resolve().configure(deployment, change, signal);
  }
  invoke(deployment: Deployment, payload: unknown, options?: InvokeOptions) {
    return this.resolve().invoke(deployment, payload, options);
  }
  checkPayload(deployment: Deployment, payload: unknown): void {
    this.resolve().checkPayload?.(deployment, payload);
  }
  list(signal?: AbortSignal) {
    return this.resolve().list(signal);
  }
  get(name: string, signal?: AbortSignal) {
    return this.resolve().get(name, signal);
  }
  remove(deployment: Deployment, signal?: AbortSignal) {
    return this.resolve().remove(deployment, signal);
  }
  recycle(deployment: Deployment, signal?: AbortSignal) {
    return this.resolve().recycle(deployment, signal);
  }
  async dispose(): Promise<void> {
    await this.loaded?.dispose?.();
  }
}
