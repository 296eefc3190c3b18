// Idle-time experiments: the probability that a call after T ms of idleness is a cold start, per T,
// from the probe calls (`idleRole: 'probe'`, `idleMs`). The interval is Wilson's score interval,
// which stays inside 0..1 and is honest at the few probes per T these experiments afford.
import type { InvocationRecord } from './record';
import { normalQuantile } from './quantile-ci';

export interface IdleColdPoint {
  idleMs: number;
  /** Probe calls left idle this long, and those whose cold/warm state is known. */
  probes: number;
  known: number;
  cold: number;
  /** cold / known, with its Wilson interval at the summary's confidence; absent when nothing is known. */
  probability?: number;
  ciLow?: number;
  ciHigh?: number;
}

export function createIdleCold(confidence = 0.95): { add(r: InvocationRecord): void; finish(): IdleColdPoint[] | undefined } {
  const byIdle = new Map<number, { probes: number; known: number; cold: number }>();
  return {
    add(r) {
      if (r.idleRole !== 'probe' || r.idleMs === undefined) return;
      let p = byIdle.get(r.idleMs);
      if (!p) byIdle.set(r.idleMs, (p = { probes: 0, known: 0, cold: 0 }));
      p.probes++;
      if (r.cold === undefined) return;
      p.known++;
      if (r.cold) p.cold++;
    },
    finish() {
      if (byIdle.size === 0) return undefined;
      const z = normalQuantile(0.5 + confidence / 2);
      return [...byIdle.entries()]
        .sort(([a], [b]) => a - b)
        .map(([idleMs, p]) => {
          const out: IdleColdPoint = { idleMs, ...p };
          if (p.known > 0) Object.assign(out, { probability: p.cold / p.known }, wilson(p.cold, p.known, z));
          return out;
        });
    },
  };
}

/** Wilson score interval of a proportion `k` of `n`. */
export function wilson(k: number, n: number, z: number): { ciLow: number; ciHigh: number } {
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { ciLow: Math.max(0, centre - half), ciHigh: Math.min(1, centre + half) };
}
