// How many calls were in flight, and how fast they completed, over the course of a run —
// reconstructed from each call's [clientStart, clientEnd] as the client saw it.
import { Float64Column } from './column';
import { percentileSorted } from './stats';

export interface CallInterval {
  /** Epoch ms the request was sent / the answer arrived. */
  clientStart: number;
  clientEnd: number;
  /** Optional: lets the timeline report completions and p50 latency per bucket. */
  roundTripMs?: number;
  status?: string;
}

export interface ConcurrencyBucket {
  /** Bucket start, ms after the run's first request. */
  offsetMs: number;
  /** Calls in flight at the bucket's start instant. */
  atStart: number;
  /** Most calls in flight at any instant within the bucket. */
  max: number;
  /** Time-weighted mean of calls in flight over the bucket. */
  mean: number;
  /** Calls whose answer arrived in this bucket (any status), and how many of those were ok. */
  completed: number;
  ok: number;
  /** Median round trip of the ok calls completed in this bucket. */
  p50RoundTripMs?: number;
}

export interface ConcurrencyTimeline {
  /** Epoch ms of the first request; bucket offsets count from here. */
  startMs: number;
  /** From the first request to the last answer. */
  spanMs: number;
  peak: number;
  /** Time-weighted mean in-flight count over the span (= total call time / span). */
  mean: number;
  bucketMs: number;
  buckets: ConcurrencyBucket[];
}

export interface ConcurrencyOptions {
  /** Bucket width; default: a round width giving at most ~`targetBuckets` buckets. */
  bucketMs?: number;
  targetBuckets?: number;
}

/** Refuse silly widths (1 ms over a day) instead of allocating millions of buckets. */
const MAX_BUCKETS = 1_000_000;

/** Calls as columns: what a streamed run keeps per call for the timeline (25 bytes, not a record). */
export class CallColumns {
  readonly starts = new Float64Column();
  readonly ends = new Float64Column();
  /** NaN where the call has no round trip. */
  readonly roundTrips = new Float64Column();
  private okFlags = new Uint8Array(16);

  get length(): number {
    return this.starts.length;
  }

  push(c: CallInterval): void {
    const i = this.starts.length;
    if (i === this.okFlags.length) {
      const grown = new Uint8Array(i * 2);
      grown.set(this.okFlags);
      this.okFlags = grown;
    }
    this.okFlags[i] = c.status === undefined || c.status === 'ok' ? 1 : 0;
    this.starts.push(c.clientStart);
    this.ends.push(c.clientEnd);
    this.roundTrips.push(c.roundTripMs ?? NaN);
  }

  /** Every call in order, without copying the columns: (start, end, round trip or NaN, ok). */
  forEach(visit: (start: number, end: number, roundTripMs: number, ok: boolean) => void): void {
    const ends = this.ends.chunks();
    const roundTrips = this.roundTrips.chunks();
    let index = 0;
    for (const s of this.starts.chunks()) {
      const e = ends.next().value as Float64Array;
      const r = roundTrips.next().value as Float64Array;
      for (let j = 0; j < s.length; j++, index++) visit(s[j], e[j], r[j], this.okFlags[index] === 1);
    }
  }
}

/**
 * Sweep over the 2n start/end events, sorted once: O(n log n + buckets).
 * Intervals are half-open [start, end): a call that ends at t and one that starts at t do not
 * overlap, so back-to-back calls of one closed-loop worker count as concurrency 1, not 2.
 */
export function concurrencyTimeline(calls: readonly CallInterval[] | CallColumns, options: ConcurrencyOptions = {}): ConcurrencyTimeline | undefined {
  let columns: CallColumns;
  if (calls instanceof CallColumns) columns = calls;
  else {
    columns = new CallColumns();
    for (const c of calls) columns.push(c);
  }
  return timelineOf(columns, options);
}

function timelineOf(calls: CallColumns, options: ConcurrencyOptions): ConcurrencyTimeline | undefined {
  const n = calls.length;
  if (n === 0) return undefined;
  let startMs = Infinity;
  let endMs = -Infinity;
  let busyMs = 0;
  let events = 0;
  calls.forEach((start, end) => {
    if (!(end >= start)) throw new RangeError(`call ends before it starts (${start} .. ${end})`);
    if (start < startMs) startMs = start;
    if (end > endMs) endMs = end;
    busyMs += end - start;
    if (end !== start) events++;
  });
  const spanMs = endMs - startMs;
  const bucketMs = options.bucketMs ?? niceBucketWidth(spanMs, options.targetBuckets ?? 100);
  if (!(bucketMs > 0)) throw new RangeError(`bucket width must be positive, got ${bucketMs}`);
  const bucketCount = Math.max(1, Math.ceil(spanMs / bucketMs));
  if (bucketCount > MAX_BUCKETS) {
    throw new RangeError(`a ${bucketMs} ms bucket over a ${spanMs} ms run makes ${bucketCount} buckets; choose a wider bucket`);
  }

  // Start and end times as offsets, each sorted once with the native numeric sort; the sweep
  // merges the two. Zero-length calls occupy no instant of a half-open timeline: left out.
  const starts = new Float64Array(events);
  const ends = new Float64Array(events);
  let k = 0;
  calls.forEach((start, end) => {
    if (end === start) return;
    starts[k] = start - startMs;
    ends[k++] = end - startMs;
  });
  starts.sort();
  ends.sort();

  // The in-flight level is piecewise constant: after all starts and ends at instant t are applied,
  // it holds on [t, next event). A level counts towards a bucket's max (and the peak) only over a
  // non-empty stretch of time, so a call ending exactly at a bucket's start is not in it.
  const atStart = new Float64Array(bucketCount);
  const max = new Float64Array(bucketCount);
  const area = new Float64Array(bucketCount);
  let current = 0;
  let peak = 0;
  let b = 0;
  let prevT = 0;
  let si = 0;
  let ei = 0;
  while (ei < events) {
    const t = si < events && starts[si] < ends[ei] ? starts[si] : ends[ei];
    while (b < bucketCount - 1 && t >= (b + 1) * bucketMs) {
      const boundary = (b + 1) * bucketMs;
      if (boundary > prevT) {
        area[b] += current * (boundary - prevT);
        if (current > max[b]) max[b] = current;
      }
      prevT = boundary;
      b++;
      atStart[b] = current;
    }
    if (t > prevT) {
      area[b] += current * (t - prevT);
      if (current > max[b]) max[b] = current;
    }
    prevT = t;
    for (; ei < events && ends[ei] === t; ei++) current--;
    for (; si < events && starts[si] === t; si++) current++;
    if (t === b * bucketMs) atStart[b] = current;
    if (current > peak) peak = current;
  }
  // Every call has ended by the last end, so the level after it is 0 and adds nothing.

  const completed = new Uint32Array(bucketCount);
  const okCount = new Uint32Array(bucketCount);
  // Each bucket's ok round trips, sorted for its median: bucket by bucket (a counting sort on the bucket index), not an array per bucket.
  const bucketOf = (end: number) => Math.min(bucketCount - 1, Math.floor((end - startMs) / bucketMs));
  const okRtCount = new Uint32Array(bucketCount + 1);
  calls.forEach((_start, end, roundTripMs, ok) => {
    const i = bucketOf(end);
    completed[i]++;
    if (ok) {
      okCount[i]++;
      if (!Number.isNaN(roundTripMs)) okRtCount[i + 1]++;
    }
  });
  for (let i = 0; i < bucketCount; i++) okRtCount[i + 1] += okRtCount[i];
  const okRoundTrips = new Float64Array(okRtCount[bucketCount]);
  const fill = okRtCount.slice(0, bucketCount);
  calls.forEach((_start, end, roundTripMs, ok) => {
    if (ok && !Number.isNaN(roundTripMs)) okRoundTrips[fill[bucketOf(end)]++] = roundTripMs;
  });

  const buckets: ConcurrencyBucket[] = [];
  for (let i = 0; i < bucketCount; i++) {
    const from = i * bucketMs;
    const width = Math.min(bucketMs, Math.max(spanMs - from, 0)) || bucketMs;
    const bucket: ConcurrencyBucket = {
      offsetMs: from,
      atStart: atStart[i],
      max: max[i],
      mean: area[i] / width,
      completed: completed[i],
      ok: okCount[i],
    };
    if (okRtCount[i + 1] > okRtCount[i]) bucket.p50RoundTripMs = percentileSorted(okRoundTrips.subarray(okRtCount[i], okRtCount[i + 1]).sort(), 0.5);
    buckets.push(bucket);
  }
  return { startMs, spanMs, peak, mean: spanMs > 0 ? busyMs / spanMs : 0, bucketMs, buckets };
}

/** A 1/2/5 × 10^k width so that span / width is at most `target` buckets (never below 1 ms). */
export function niceBucketWidth(spanMs: number, target: number): number {
  const raw = Math.max(spanMs / Math.max(1, target), 1);
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) {
    if (step * pow >= raw) return step * pow;
  }
  return 10 * pow;
}
