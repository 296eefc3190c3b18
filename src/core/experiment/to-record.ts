// A call's final outcome -> the InvocationRecord line written to invocations.jsonl.
import type { InvocationRecord } from '../results/record';
import { captureResponse } from '../results/response';
import type { PlannedCall } from './plan';
import type { CallOutcome } from './scheduler/call';

/** What every record of one memory setting and iteration shares. */
export type RecordContext = Pick<InvocationRecord, 'runId' | 'experiment' | 'function' | 'platform' | 'memoryMB' | 'iteration' | 'warmup'>;

export function toRecord(ctx: RecordContext, call: PlannedCall, outcome: CallOutcome, retries: number): InvocationRecord {
  if (outcome.kind === 'timeout') {
    const record = baseRecord(ctx, call, retries, outcome.clientStart, outcome.clientEnd, outcome.clientEnd - outcome.clientStart, 'timeout');
    record.error = `No answer within ${outcome.timeoutMs / 1000} s (the experiment's client-side timeoutS)`;
    record.errorType = 'Timeout';
    return record;
  }
  if (outcome.kind === 'threw') {
    const err = outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
    const record = baseRecord(ctx, call, retries, outcome.clientStart, outcome.clientEnd, outcome.clientEnd - outcome.clientStart, 'error');
    record.error = err.message;
    record.errorType = err.name === 'Error' ? 'ClientError' : err.name;
    return record;
  }
  const inv = outcome.invocation;
  const record = baseRecord(ctx, call, retries, inv.clientStart, inv.clientEnd, inv.roundTripMs, inv.status);
  const metrics = inv.metrics;
  const runtime = metrics.runtime;
  if (typeof runtime === 'number') record.latencyMs = inv.roundTripMs - runtime;
  const captured = inv.status === 'ok' ? captureResponse(inv.result) : undefined;
  if (captured) {
    record.response = captured.response;
    if (captured.responseNote !== undefined) record.responseNote = captured.responseNote;
  }
  if (inv.error) {
    record.error = inv.error.message;
    record.errorType = inv.error.type;
  }
  // The platform's own word first (e.g. Lambda's Init Duration), else the shim's newcontainer.
  const cold = inv.cold ?? (metrics.newcontainer === undefined ? undefined : metrics.newcontainer === 1);
  if (cold !== undefined) record.cold = cold;
  // Metrics never overwrite the fields the client measured or planned (a for-in loop: no entries array per call).
  const target = record as unknown as Record<string, unknown>;
  const source = metrics as Record<string, unknown>;
  for (const key in source) {
    const value = source[key];
    if (value !== undefined && !(key in target) && Object.prototype.hasOwnProperty.call(source, key)) target[key] = value;
  }
  return record;
}

/** The fields every record has, in one object literal (one shape for all records; no spread copies). */
function baseRecord(
  ctx: RecordContext,
  call: PlannedCall,
  retries: number,
  clientStart: number,
  clientEnd: number,
  roundTripMs: number,
  status: InvocationRecord['status'],
): InvocationRecord {
  return {
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
    clientStart,
    clientEnd,
    roundTripMs,
    status,
  };
}
