// A call whose handler called other functions (`context.invoke`) -> its record and one record per
// nested call, linked by ids, so the run's invocations.jsonl holds the whole call tree.
import { randomUUID } from 'node:crypto';
import type { NestedInvocation } from '../model';
import type { InvocationRecord } from '../results/record';
import type { PlannedCall } from './plan';
import type { CallOutcome } from './scheduler/call';
import { toRecord, type RecordContext } from './to-record';

/** The call's record first, then its nested calls' records depth first; a call with none gets its record alone. */
export function tracedRecords(ctx: RecordContext, call: PlannedCall, outcome: CallOutcome, retries: number): InvocationRecord[] {
  const top = toRecord(ctx, call, outcome, retries);
  const nested = outcome.kind === 'answered' ? outcome.invocation.nested : undefined;
  if (!nested?.length) return [top];
  // Ids the functions' shims chose where they made the calls themselves (cloud platforms), else new ones.
  const own = outcome.kind === 'answered' ? outcome.invocation.trace : undefined;
  const traceId = own?.traceId ?? randomUUID();
  top.callId = own?.callId ?? traceId;
  top.traceId = traceId;
  const out = [top];
  const visit = (parent: InvocationRecord, children: NestedInvocation[]) => {
    parent.nestedRoundTripsMs = children.map((c) => c.roundTripMs);
    for (const child of children) {
      const memoryMB = child.metrics.functionMemory ?? ctx.memoryMB;
      const record = toRecord({ ...ctx, function: child.function, memoryMB }, call, { kind: 'answered', invocation: child }, 0);
      Object.assign(record, { callId: child.trace?.callId ?? randomUUID(), traceId, parentId: parent.callId });
      out.push(record);
      if (child.nested?.length) visit(record, child.nested);
    }
  };
  visit(top, nested);
  return out;
}
