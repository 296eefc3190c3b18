// Scale-out: how many instances the platform started for the load, and how fast. An instance is a
// distinct `uuid` (the shim's per-instance id); it counts from the client start of the first call
// it answered, relative to the start of its segment (the load step, else the whole run), per
// function · platform · memory size.
import type { PlatformId } from '../model';
import { Float64Column } from './column';
import type { InvocationRecord } from './record';

/** Most points kept per instances-over-time curve (one per new instance until then). */
export const MAX_SCALE_OUT_POINTS = 200;

export interface ScaleOutSegment {
  function: string;
  platform: PlatformId;
  memoryMB: number;
  step?: number;
  stepLoad?: number;
  /** Calls in the segment, and the most that were in flight at once (client side). */
  calls: number;
  peakInFlight: number;
  instances: number;
  /** From the segment's first call to the first call of its last new instance, and of the one reaching 90% of them. */
  timeToAllMs: number;
  timeTo90PctMs: number;
  /** Instances seen so far against ms since the segment's start, ascending. */
  curve: { tMs: number; instances: number }[];
}

export function createScaleOut(): { add(r: InvocationRecord): void; finish(): ScaleOutSegment[] | undefined } {
  const segments = new Map<string, { r: InvocationRecord; startMs: number; firstSeen: Map<string, number>; starts: Float64Column; ends: Float64Column }>();
  return {
    add(r) {
      const id = `${r.function}\u0001${r.platform}\u0001${r.memoryMB}\u0001${r.step ?? ''}`;
      let s = segments.get(id);
      if (!s) segments.set(id, (s = { r, startMs: r.clientStart, firstSeen: new Map(), starts: new Float64Column(), ends: new Float64Column() }));
      s.startMs = Math.min(s.startMs, r.clientStart);
      s.starts.push(r.clientStart);
      s.ends.push(r.clientEnd);
      if (r.uuid === undefined) return;
      const seen = s.firstSeen.get(r.uuid);
      if (seen === undefined || r.clientStart < seen) s.firstSeen.set(r.uuid, r.clientStart);
    },
    finish() {
      const out: ScaleOutSegment[] = [];
      for (const s of segments.values()) {
        if (s.firstSeen.size === 0) continue;
        const times = [...s.firstSeen.values()].map((t) => t - s.startMs).sort((a, b) => a - b);
        const stride = Math.ceil(times.length / MAX_SCALE_OUT_POINTS);
        const curve = times.flatMap((tMs, i) => (i % stride === 0 || i === times.length - 1 ? [{ tMs, instances: i + 1 }] : []));
        const seg: ScaleOutSegment = {
          function: s.r.function,
          platform: s.r.platform,
          memoryMB: s.r.memoryMB,
          calls: s.starts.length,
          peakInFlight: peakInFlight(s.starts.sorted(), s.ends.sorted()),
          instances: times.length,
          timeToAllMs: times[times.length - 1],
          timeTo90PctMs: times[Math.ceil(0.9 * times.length) - 1],
          curve,
        };
        if (s.r.step !== undefined) seg.step = s.r.step;
        if (s.r.stepLoad !== undefined) seg.stepLoad = s.r.stepLoad;
        out.push(seg);
      }
      if (out.length === 0) return undefined;
      return out.sort((a, b) => a.function.localeCompare(b.function) || a.platform.localeCompare(b.platform) || a.memoryMB - b.memoryMB || (a.step ?? 0) - (b.step ?? 0));
    },
  };
}

/** Most calls in flight at one instant: a merge of the sorted starts (+1) and ends (−1), ends first on ties. */
function peakInFlight(starts: Float64Array, ends: Float64Array): number {
  let now = 0;
  let peak = 0;
  for (let si = 0, ei = 0; si < starts.length; ) {
    if (ei < ends.length && ends[ei] <= starts[si]) {
      now--;
      ei++;
    } else {
      now++;
      si++;
      if (now > peak) peak = now;
    }
  }
  return peak;
}
