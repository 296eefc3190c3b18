/** Milliseconds to the microsecond, as every timing FaaS Lab records (the runtime shims keep their own copy: they import nothing). */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
