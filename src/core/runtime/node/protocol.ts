// The wire format between the local provider and a function instance: newline-delimited JSON
// on file descriptor 3. The Python shim (faaslab_runtime.py) writes the same messages.
import type { FunctionMetrics, InvocationError } from '../../model';

/** Provider -> instance: one call. */
export interface CallRequest {
  id: number;
  payload?: unknown;
  /** Epoch ms after which the provider kills the instance (getRemainingTimeInMillis counts down to it). */
  deadlineMs: number;
  /** The line to print on stdout and on stderr once the call's output has ended (the provider strips it). */
  end?: string;
}

/** Instance -> provider, once, when the handler module has loaded. */
export interface ReadyMessage {
  ready: true;
  /** Time the instance spent loading before it could serve, measured inside it. */
  initMs: number;
  /** The instance's metrics uuid, so the provider can name it in logs and failed calls. */
  uuid: string;
  lang: string;
  version: string;
}

/** Instance -> provider: the answer to one CallRequest. */
export type CallResponse =
  | { id: number; ok: true; result?: unknown; metrics: FunctionMetrics }
  | { id: number; ok: false; error: InvocationError; metrics: FunctionMetrics };

/**
 * Instance -> provider, during a call: the handler called `context.invoke(name, payload)`.
 * `invoke` numbers the instance's nested calls; the answer carries the same number.
 */
export interface InvokeRequest {
  invoke: number;
  /** The FaaS Lab function to call, on the same platform. */
  name: string;
  payload?: unknown;
}

/** What a nested call returned, or why it failed, as the calling handler gets it. */
export type NestedAnswer = { ok: true; result?: unknown } | { ok: false; error: InvocationError };

/** Provider -> instance: the answer to one InvokeRequest. */
export type InvokeAnswer = NestedAnswer & { invoke: number };

/**
 * Container platforms (Docker): the instance's shim POSTs `{ name, payload }` as JSON to
 * `$FAASLAB_INVOKE_URL` with the instance's `$FAASLAB_INVOKE_TOKEN` in this header; the provider
 * answers a NestedAnswer.
 */
export const INVOKE_TOKEN_HEADER = 'x-faaslab-invoke-token';

export type InstanceMessage = ReadyMessage | CallResponse | InvokeRequest;

/** What the provider writes to an instance. */
export type ProviderMessage = CallRequest | InvokeAnswer;
