// Concurrency and latency over the course of a run (the FaaSET paper's timeline figures),
// bucketed so a run of any length is at most MAX_TIMELINE_POINTS points per line.
import { concurrencyTimeline } from '../concurrency';
import type { InvocationRecord } from '../record';
import { percentileSorted, sortedCopy } from '../stats';
import type { TimelineSeries } from './types';

export const MAX_TIMELINE_POINTS = 1000;
/** Short runs get fewer, fuller buckets: about this many calls per bucket on average. */
const CALLS_PER_BUCKET = 4;

/** Every call actually made (warm-ups included: they loaded the platform too), by when it ended. */
export function timeline(records: readonly InvocationRecord[], maxPoints = MAX_TIMELINE_POINTS): TimelineSeries | undefined {
  const calls = records.filter((r) => r.clientEnd >= r.clientStart);
  const targetBuckets = Math.min(maxPoints, Math.max(10, Math.ceil(calls.length / CALLS_PER_BUCKET)));
  const base = concurrencyTimeline(calls, { targetBuckets });
  if (!base) return undefined;
  const count = base.buckets.length;
  const roundTrips: number[][] = Array.from({ length: count }, () => []);
  const coldStarts = new Array<number>(count).fill(0);
  const errors = new Array<number>(count).fill(0);
  for (const r of calls) {
    const i = Math.min(count - 1, Math.floor((r.clientEnd - base.startMs) / base.bucketMs));
    if (r.status === 'ok') roundTrips[i]!.push(r.roundTripMs);
    else errors[i]!++;
    if (r.cold === true) coldStarts[i]!++;
  }
  const p50: (number | null)[] = [];
  const p95: (number | null)[] = [];
  for (const values of roundTrips) {
    if (values.length === 0) {
      p50.push(null);
      p95.push(null);
      continue;
    }
    const sorted = sortedCopy(values);
    p50.push(percentileSorted(sorted, 0.5));
    p95.push(percentileSorted(sorted, 0.95));
  }
  return {
    bucketMs: base.bucketMs,
    t: base.buckets.map((b) => b.offsetMs / 1000),
    concurrencyMean: base.buckets.map((b) => b.mean),
    concurrencyMax: base.buckets.map((b) => b.max),
    latencyP50Ms: p50,
    latencyP95Ms: p95,
    coldStarts,
    errors,
  };
}
