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
  /**
   * The largest request (the payload as sent) and response (the result) one call takes, in bytes, as the
   * platform documents them; `basis` says where a figure comes from when it is not the platform's own.
   * Checked before a call is sent (and on a result, by platforms that run their own instances). Unset: none.
   */
  sizeLimits?: { requestBytes?: number; responseBytes?: number; basis?: string };
  /** Whether load() runs at start (a platform without SDKs); otherwise on first use. */
  eager: boolean;
  /** Builds the provider; a cloud's SDKs are require()d here, so they load on first use. `root` is the workspace root. */
  load(options: Options | undefined, root: string): Provider;
}
