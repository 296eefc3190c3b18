// A call's final outcome -> the InvocationRecord line written to invocations.jsonl.
import type { InvocationRecord } from '../results/record';
import { captureResponse } from '../results/response';
import type { PlannedCall } from './plan';
import type { CallOutcome } from './scheduler/call';

/** What every record of one memory setting and iteration shares. */
export type RecordContext = Pick<InvocationRecord, 'runId' | 'experiment' | 'function' | 'platform' | 'memoryMB' | 'iteration' | 'warmup'>;

export function toRecord(ctx: RecordContext, call: PlannedCall, outcome: CallOutcome, retries: number): InvocationRecord {
  const base = {
    runId: ctx.runId,
    experiment: ctx.experiment,
    function: ctx.function,
    platform: ctx.platform,
    memoryMB: ctx.memoryMB,
    iteration: ctx.iteration,
    thread: call.thread,
    threadCall: call.threadCall,
    seq: call.seq,
    payloadIndex: call.payloadIndex,
    warmup: ctx.warmup,
    retries,
  };
  if (outcome.kind === 'timeout') {
    return {
      ...base,
      clientStart: outcome.clientStart,
      clientEnd: outcome.clientEnd,
      roundTripMs: outcome.clientEnd - outcome.clientStart,
      status: 'timeout',
      error: `No answer within ${outcome.timeoutMs / 1000} s (the experiment's client-side timeoutS)`,
      errorType: 'Timeout',
    };
  }
  if (outcome.kind === 'threw') {
    const err = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
    return {
      ...base,
      clientStart: outcome.clientStart,
      clientEnd: outcome.clientEnd,
      roundTripMs: outcome.clientEnd - outcome.clientStart,
      status: 'error',
      error: err.message,
      errorType: err.name === 'Error' ? 'ClientError' : err.name,
    };
  }
  const inv = outcome.invocation;
  const record: InvocationRecord = {
    ...base,
    clientStart: inv.clientStart,
    clientEnd: inv.clientEnd,
    roundTripMs: inv.roundTripMs,
    status: inv.status,
  };
  const runtime = inv.metrics.runtime;
  if (typeof runtime === 'number') record.latencyMs = inv.roundTripMs - runtime;
  const captured = inv.status === 'ok' ? captureResponse(inv.result) : undefined;
  if (captured) Object.assign(record, captured);
  if (inv.error) {
    record.error = inv.error.message;
    record.errorType = inv.error.type;
  }
  // The platform's own word first (e.g. Lambda's Init Duration), else the shim's newcontainer.
  const cold = inv.cold ?? (inv.metrics.newcontainer === undefined ? undefined : inv.metrics.newcontainer === 1);
  if (cold !== undefined) record.cold = cold;
  // Metrics never overwrite the fields the client measured or planned.
  const target = record as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(inv.metrics)) {
    if (value !== undefined && !(key in target)) target[key] = value;
  }
  return record;
}
