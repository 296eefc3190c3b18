// Three ways to tell a cold start, per call, and how far they agree: the platform's word (`cold`,
// e.g. Lambda's Init Duration; the shim's newcontainer where the platform says nothing), SAAF's
// `newcontainer` from inside the function, and whether an init duration was reported. They differ
// on real clouds (pre-warmed inits, instances that share /tmp), so the report shows all three.
import type { InvocationRecord } from './record';

export const COLD_SIGNALS = ['platform', 'newcontainer', 'initDuration'] as const;
export type ColdSignal = (typeof COLD_SIGNALS)[number];
/** One call's reading of a signal: cold, warm, or not known. */
export type ColdReading = 'cold' | 'warm' | 'unknown';

export interface ColdSignalCount {
  /** Calls the signal says something about, and how many it calls cold. */
  known: number;
  cold: number;
}

/** A combination of readings seen where the known signals disagree, with its number of calls. */
export interface ColdDisagreement {
  readings: Record<ColdSignal, ColdReading>;
  calls: number;
}

export interface ColdSignalsSummary {
  signals: Record<ColdSignal, ColdSignalCount>;
  /** Calls on which at least two signals are known, and of those the ones where they all agree. */
  compared: number;
  agree: number;
  disagreements: ColdDisagreement[];
}

/**
 * A call's readings. An absent init duration means warm only on a platform that reports init
 * durations at all (`platformReportsInit`); elsewhere it means nothing.
 */
export function coldReadings(r: InvocationRecord, platformReportsInit: boolean): Record<ColdSignal, ColdReading> {
  return {
    platform: r.cold === undefined ? 'unknown' : r.cold ? 'cold' : 'warm',
    newcontainer: r.newcontainer === undefined ? 'unknown' : r.newcontainer === 1 ? 'cold' : 'warm',
    initDuration: r.initDurationMs !== undefined ? 'cold' : platformReportsInit ? 'warm' : 'unknown',
  };
}

export function createColdSignals(): { add(r: InvocationRecord): void; finish(): ColdSignalsSummary } {
  // Readings depend on whether the platform reports init durations anywhere in the run, known only at the end: tally raw facts per platform.
  const tallies = new Map<string, { initSeen: boolean; patterns: Map<string, number> }>();
  return {
    add(r) {
      let t = tallies.get(r.platform);
      if (!t) tallies.set(r.platform, (t = { initSeen: false, patterns: new Map() }));
      if (r.initDurationMs !== undefined) t.initSeen = true;
      const key = `${r.cold === undefined ? '?' : r.cold ? 'c' : 'w'}${r.newcontainer === undefined ? '?' : r.newcontainer === 1 ? 'c' : 'w'}${r.initDurationMs !== undefined ? 'c' : '-'}`;
      t.patterns.set(key, (t.patterns.get(key) ?? 0) + 1);
    },
    finish() {
      const signals = Object.fromEntries(COLD_SIGNALS.map((s) => [s, { known: 0, cold: 0 }])) as Record<ColdSignal, ColdSignalCount>;
      const disagreements = new Map<string, ColdDisagreement>();
      let compared = 0;
      let agree = 0;
      const reading = (ch: string): ColdReading => (ch === 'c' ? 'cold' : ch === 'w' ? 'warm' : 'unknown');
      for (const t of tallies.values()) {
        for (const [key, calls] of t.patterns) {
          const readings: Record<ColdSignal, ColdReading> = {
            platform: reading(key[0]),
            newcontainer: reading(key[1]),
            initDuration: key[2] === 'c' ? 'cold' : t.initSeen ? 'warm' : 'unknown',
          };
          const known = COLD_SIGNALS.filter((s) => readings[s] !== 'unknown');
          for (const s of known) {
            signals[s].known += calls;
            if (readings[s] === 'cold') signals[s].cold += calls;
          }
          if (known.length < 2) continue;
          compared += calls;
          if (new Set(known.map((s) => readings[s])).size === 1) {
            agree += calls;
            continue;
          }
          const id = COLD_SIGNALS.map((s) => readings[s]).join('/');
          const d = disagreements.get(id);
          if (d) d.calls += calls;
          else disagreements.set(id, { readings, calls });
        }
      }
      return { signals, compared, agree, disagreements: [...disagreements.values()].sort((a, b) => b.calls - a.calls) };
    },
  };
}
