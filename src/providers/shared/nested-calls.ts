// A handler's `context.invoke`, answered by the platform that runs its instances (local processes,
// Docker containers): the named function is called as any call is, the call is recorded for the
// caller's Invocation, and its outcome becomes what the handler gets back.
import type { Invocation, NestedInvocation } from '../../core/model';
import type { NestedAnswer } from '../../core/runtime/node/protocol';

/** Calls a function of the same platform by name. */
export type InvokeByName = (name: string, payload: unknown) => Promise<Invocation>;

/**
 * Calls `name` and tells `record` about the call (a call that could not even start, such as a
 * function that is not deployed, is not recorded); resolves with the handler's answer, never rejects.
 */
export async function answerNested(invoke: InvokeByName, name: string, payload: unknown, record: (call: NestedInvocation) => void): Promise<NestedAnswer> {
  let inv: Invocation;
  try {
    inv = await invoke(name, payload);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error: { type: e.name === 'Error' ? 'InvokeFailed' : e.name, message: e.message } };
  }
  record({ ...inv, function: name });
  if (inv.status === 'ok') return { ok: true, result: inv.result };
  return { ok: false, error: inv.error ?? { type: inv.status, message: `${name} ended ${inv.status}` } };
}
