// The streamed plan written out, for tests that look at every call of a small plan.
import type { Plan, PlannedCall, PlannedIteration } from '../../../../src/core/experiment/plan';

export type WrittenIteration = Omit<PlannedIteration, 'calls' | 'threadCalls'> & { calls: PlannedCall[] };

export function iterationsOf(plan: Plan): WrittenIteration[] {
  return [...plan.iterations()].map(({ calls, threadCalls: _threadCalls, ...it }) => ({ ...it, calls: [...calls()] }));
}
