// Time per hop and the double billing of nested calls (context.invoke), from a run's records:
// a caller is billed while it waits for its callee, so a chain pays for the same wait at every level.
import type { InvocationRecord } from './record';

/** One caller -> callee link, averaged over its calls. */
export interface NestedHop {
  caller: string;
  callee: string;
  /** Nested calls seen on this link. */
  n: number;
  /** The caller's runtime less the round trips of all the calls it made: its own work. */
  meanCallerOwnMs: number;
  /** The callee's round trip as the platform measured it for the caller. */
  meanRoundTripMs: number;
  /** The callee's runtime, inside that round trip (calls that reported one). */
  meanCalleeRuntimeMs?: number;
  /** Round trip less runtime: what the hop itself costs (transport, queueing, cold start). */
  meanHopOverheadMs?: number;
}

export interface NestedSummary {
  /** Top-level calls that made nested calls. */
  trees: number;
  hops: NestedHop[];
  /** Per tree: billed time of every call in it (billed duration, else runtime). */
  meanBilledMs: number;
  /** Per tree: time callers were billed while waiting for their callees (the sum of nested round trips). */
  meanWaitingBilledMs: number;
  /** meanWaitingBilledMs / meanBilledMs: the share of the tree's bill that pays for waiting. */
  waitingShare: number;
}

interface HopSums {
  caller: string;
  callee: string;
  n: number;
  callerOwnMs: number;
  roundTripMs: number;
  runtimeMs: number;
  runtimes: number;
  /** How deep the callee sits below the top call (1: called by it), so hops list in chain order. */
  depth: number;
}

/** What a nested call's record contributes: the few fields the hops and trees need, not the record. */
interface TracedCall {
  function: string;
  traceId: string;
  callId?: string;
  parentId?: string;
  roundTripMs: number;
  runtime?: number;
  billedMs: number;
  waitingMs: number;
  ownMs: number;
}

/** Feeds records one by one (any order), then `finish()`: undefined when no call made a nested one. */
export function create(): { add(record: InvocationRecord): void; finish(): NestedSummary | undefined } {
  const traced: TracedCall[] = [];
  return {
    add(record) {
      if (record.traceId !== undefined && !record.warmup) traced.push(tracedCall(record, record.traceId));
    },
    finish() {
      const byId = new Map(traced.map((r) => [r.callId, r]));
      const hops = new Map<string, HopSums>();
      const trees = new Map<string, { billedMs: number; waitingMs: number }>();
      for (const r of traced) {
        const tree = trees.get(r.traceId) ?? { billedMs: 0, waitingMs: 0 };
        trees.set(r.traceId, tree);
        tree.billedMs += r.billedMs;
        tree.waitingMs += r.waitingMs;
        const caller = r.parentId === undefined ? undefined : byId.get(r.parentId);
        if (!caller) continue;
        const key = `${caller.function}\u0001${r.function}`;
        const h = hops.get(key) ?? { caller: caller.function, callee: r.function, n: 0, callerOwnMs: 0, roundTripMs: 0, runtimeMs: 0, runtimes: 0, depth: depthOf(r, byId) };
        hops.set(key, h);
        h.n += 1;
        h.callerOwnMs += caller.ownMs;
        h.roundTripMs += r.roundTripMs;
        if (r.runtime !== undefined) {
          h.runtimeMs += r.runtime;
          h.runtimes += 1;
        }
      }
      const complete = [...trees.values()].filter((t) => t.waitingMs > 0);
      if (complete.length === 0) return undefined;
      const meanBilledMs = complete.reduce((s, t) => s + t.billedMs, 0) / complete.length;
      const meanWaitingBilledMs = complete.reduce((s, t) => s + t.waitingMs, 0) / complete.length;
      return {
        trees: complete.length,
        hops: [...hops.values()].sort((a, b) => a.depth - b.depth || a.caller.localeCompare(b.caller) || a.callee.localeCompare(b.callee)).map(hopOf),
        meanBilledMs,
        meanWaitingBilledMs,
        waitingShare: meanBilledMs > 0 ? meanWaitingBilledMs / meanBilledMs : 0,
      };
    },
  };
}

function hopOf(h: HopSums): NestedHop {
  const hop: NestedHop = { caller: h.caller, callee: h.callee, n: h.n, meanCallerOwnMs: h.callerOwnMs / h.n, meanRoundTripMs: h.roundTripMs / h.n };
  if (h.runtimes > 0) {
    hop.meanCalleeRuntimeMs = h.runtimeMs / h.runtimes;
    hop.meanHopOverheadMs = hop.meanRoundTripMs - hop.meanCalleeRuntimeMs;
  }
  return hop;
}

function tracedCall(r: InvocationRecord, traceId: string): TracedCall {
  const call: TracedCall = { function: r.function, traceId, roundTripMs: r.roundTripMs, billedMs: billedMs(r), waitingMs: sum(r.nestedRoundTripsMs), ownMs: ownMs(r) };
  if (r.callId !== undefined) call.callId = r.callId;
  if (r.parentId !== undefined) call.parentId = r.parentId;
  if (typeof r.runtime === 'number') call.runtime = r.runtime;
  return call;
}

function depthOf(r: TracedCall, byId: ReadonlyMap<string | undefined, TracedCall>): number {
  let depth = 0;
  // Bounded: a record naming itself (hand-edited file) must not loop.
  for (let at: TracedCall | undefined = r; at?.parentId !== undefined && depth < byId.size; at = byId.get(at.parentId)) depth++;
  return depth;
}

function billedMs(r: InvocationRecord): number {
  return r.billedDurationMs ?? (typeof r.runtime === 'number' ? r.runtime : r.roundTripMs);
}

function ownMs(r: InvocationRecord): number {
  const runtime = typeof r.runtime === 'number' ? r.runtime : r.roundTripMs;
  return Math.max(0, runtime - sum(r.nestedRoundTripsMs));
}

function sum(values: readonly number[] | undefined): number {
  return (values ?? []).reduce((s, v) => s + v, 0);
}
