// Time to a cold start, searched as faas-benchmarker does: double the idle time until a probe
// after it is cold, then halve the bracket between the last warm and the first cold time until it
// is no wider than the precision asked for.
import type { IdleSearch } from './spec';

/** What the probes at one idle time said: cold, warm, or nothing usable (cancelled, unknown). */
export type IdleVerdict = 'cold' | 'warm' | undefined;

export interface IdleSearchResult {
  /** Longest idle time seen warm (0: even the first time was cold). */
  warmS: number;
  /** Shortest idle time seen cold; absent when every time up to maxS was warm. */
  coldS?: number;
  /** Middle of the bracket: the estimated keep-alive; absent without a cold time. */
  estimateS?: number;
  /** Idle times probed, in order. */
  probedS: number[];
  /** Set when the search stopped before it was done (cancelled, or cold state unknown). */
  incomplete?: string;
}

export async function searchIdleTime(search: IdleSearch, probe: (idleS: number) => Promise<IdleVerdict>): Promise<IdleSearchResult> {
  const probedS: number[] = [];
  const at = async (idleS: number): Promise<IdleVerdict> => {
    probedS.push(idleS);
    return probe(idleS);
  };
  let warmS = 0;
  let coldS = 0;
  for (let t = search.fromS; ; t = Math.min(t * 2, search.maxS)) {
    const verdict = await at(t);
    if (verdict === undefined) return { warmS, probedS, incomplete: `no cold/warm answer at ${t} s` };
    if (verdict === 'cold') {
      coldS = t;
      break;
    }
    warmS = t;
    if (t >= search.maxS) return { warmS, probedS };
  }
  while (coldS - warmS > search.precisionS) {
    const midS = (warmS + coldS) / 2;
    const verdict = await at(midS);
    if (verdict === undefined) return { warmS, coldS, probedS, incomplete: `no cold/warm answer at ${midS} s` };
    if (verdict === 'cold') coldS = midS;
    else warmS = midS;
  }
  return { warmS, coldS, estimateS: (warmS + coldS) / 2, probedS };
}

/** The probes' majority: cold when at least half of those whose state is known were cold. */
export function idleVerdict(probes: ReadonlyArray<{ cold?: boolean }>): IdleVerdict {
  const known = probes.filter((p) => p.cold !== undefined);
  if (known.length === 0) return undefined;
  return known.filter((p) => p.cold).length * 2 >= known.length ? 'cold' : 'warm';
}

/** Most calls a search can make: doubling from fromS to maxS, then halving maxS down to precisionS. */
export function idleSearchMaxCalls(search: IdleSearch, repeat: number): number {
  const doublings = Math.ceil(Math.log2(Math.max(1, search.maxS / search.fromS))) + 1;
  const halvings = Math.ceil(Math.log2(Math.max(1, search.maxS / search.precisionS)));
  return (doublings + halvings) * repeat * 2;
}
