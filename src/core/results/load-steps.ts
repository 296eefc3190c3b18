// Per load step of a load sweep or ramp (records' `step` / `stepLoad`): how the round trip and the
// share of cold starts move as the load grows. Runs without steps have none.
import type { InvocationRecord } from './record';
import { Float64Column } from './column';
import { percentileSorted } from './stats';

export interface LoadStepSummary {
  step: number;
  /** The step's threads, rps or burst size, as the engine recorded it. */
  load?: number;
  n: number;
  ok: number;
  /** Round trip of the step's ok calls. */
  p50RoundTripMs?: number;
  p95RoundTripMs?: number;
  /** Calls whose cold/warm state is known, how many were cold, and the share. */
  coldKnown: number;
  cold: number;
  coldRate?: number;
}

export function createLoadSteps(): { add(r: InvocationRecord): void; finish(): LoadStepSummary[] | undefined } {
  const steps = new Map<number, { load?: number; n: number; roundTrips: Float64Column; coldKnown: number; cold: number }>();
  return {
    add(r) {
      if (r.step === undefined) return;
      let s = steps.get(r.step);
      if (!s) steps.set(r.step, (s = { n: 0, roundTrips: new Float64Column(), coldKnown: 0, cold: 0 }));
      if (r.stepLoad !== undefined) s.load = r.stepLoad;
      s.n++;
      if (r.status === 'ok') s.roundTrips.push(r.roundTripMs);
      if (r.cold !== undefined) {
        s.coldKnown++;
        if (r.cold) s.cold++;
      }
    },
    finish() {
      if (steps.size === 0) return undefined;
      return [...steps.entries()]
        .sort(([a], [b]) => a - b)
        .map(([step, s]) => {
          const out: LoadStepSummary = { step, n: s.n, ok: s.roundTrips.length, coldKnown: s.coldKnown, cold: s.cold };
          if (s.load !== undefined) out.load = s.load;
          if (s.roundTrips.length > 0) {
            const sorted = s.roundTrips.sorted();
            out.p50RoundTripMs = percentileSorted(sorted, 0.5);
            out.p95RoundTripMs = percentileSorted(sorted, 0.95);
          }
          if (s.coldKnown > 0) out.coldRate = s.cold / s.coldKnown;
          return out;
        });
    },
  };
}
