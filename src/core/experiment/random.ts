// A small seeded PRNG so Poisson arrivals are reproducible from randomSeed (Math.random cannot be
// seeded). Payload orders use FaaS Runner's own generator instead (python-random.ts).

export type Random = () => number;

/** A generator for one stream, e.g. (seed, memory index, iteration): streams are independent. */
export function seededRandom(seed: number, ...stream: number[]): Random {
  let h = mix32(0x9e3779b9 ^ (seed | 0));
  // Seeds beyond 32 bits keep their high part instead of being silently truncated.
  h = mix32(h ^ Math.floor(seed / 0x100000000));
  for (const s of stream) h = mix32(h ^ (s | 0));
  return mulberry32(h);
}

function mulberry32(state: number): Random {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** splitmix-style 32-bit finaliser: nearby seeds give unrelated streams. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** An exponential inter-arrival time with the given mean (Poisson arrivals). */
export function exponential(meanMs: number, random: Random): number {
  // 1 - u lies in (0, 1], so the log is finite.
  return -Math.log(1 - random()) * meanMs;
}
