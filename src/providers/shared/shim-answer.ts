// What the runtime shims answer a call with `{ ok, result | error, metrics }`, read the same on
// every cloud, and the advice every platform gives for a function's limits.
import type { FunctionMetrics, Invocation, InvocationError, NestedInvocation, TraceIds } from '../../core/model';

export const RAISE_TIMEOUT = 'raise timeout= in its @faas annotation and deploy again, or use Change Timeout in the FaaS Lab view';
export const RAISE_MEMORY = 'raise memory= in its @faas annotation and deploy again, or use Change Memory in the FaaS Lab view';

export interface ShimOutcome {
  ok: boolean;
  result?: unknown;
  error: InvocationError;
  metrics: FunctionMetrics;
  /** The calls the handler made with context.invoke, where the shim made them (cloud platforms). */
  nested?: NestedInvocation[];
  trace?: TraceIds;
}

/** The nested calls and trace ids a shim's outcome carries, for the call's Invocation. */
export function callTreeOf(outcome: ShimOutcome): Pick<Invocation, 'nested' | 'trace'> {
  const t = outcome.trace;
  const trace = t && typeof t.traceId === 'string' && typeof t.callId === 'string' ? { trace: t } : {};
  return Array.isArray(outcome.nested) && outcome.nested.length > 0 ? { nested: outcome.nested, ...trace } : {};
}

export function isShimOutcome(body: unknown): body is ShimOutcome {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.ok === 'boolean' && typeof b.metrics === 'object' && b.metrics !== null && (b.ok || typeof b.error === 'object');
}

/** The body as JSON, or undefined when it is empty or not JSON (a plain function's answer). */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
