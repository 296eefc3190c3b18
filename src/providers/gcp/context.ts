import type { GcpClients } from './client';

/** Poll intervals and bounds of waits (tests shorten them). */
export interface GcpTiming {
  /** Longest wait for a create/update/delete operation. */
  operationTimeoutMs: number;
}

export const DEFAULT_TIMING: GcpTiming = { operationTimeoutMs: 15 * 60_000 };

/** Mints an identity token for calling a function URL (audience = the URL). */
export type IdTokenSource = (audience: string, signal?: AbortSignal) => Promise<string>;

export interface GcpContext {
  clients: GcpClients;
  /** faasLab.gcp.project, else the ADC project. Rejects with a UserError when there is none. */
  project(): Promise<string>;
  region: string | undefined;
  idToken: IdTokenSource;
  /** Cloud Logging API root, e.g. https://logging.googleapis.com. */
  loggingEndpoint: string;
  timing: GcpTiming;
}
