import type { PlatformId, Provider } from '../../core/model';

/** What a platform offers beyond the Provider interface's required methods. */
export interface PlatformCapabilities {
  /** logs(): the function's recent log lines. */
  logs: boolean;
  /** packaging(): more than one way to ship a function (AWS: zip or container image). */
  packaging: boolean;
  /** memoryFor(): fixed memory sizes, so a request is rounded to one. */
  memorySizes: boolean;
}

/** One platform as the registry knows it: stated once, in the platform's folder. */
export interface PlatformDescriptor<Options = unknown, Id extends PlatformId = PlatformId> {
  id: Id;
  displayName: string;
  capabilities: PlatformCapabilities;
  /** Largest JSON payload a call takes, in bytes (Lambda's synchronous limit is 6 MB); unset: no limit of its own. */
  maxPayloadBytes?: number;
  /** Whether load() runs at start (a platform without SDKs); otherwise on first use. */
  eager: boolean;
  /** Builds the provider; a cloud's SDKs are require()d here, so they load on first use. `root` is the workspace root. */
  load(options: Options | undefined, root: string): Provider;
}
