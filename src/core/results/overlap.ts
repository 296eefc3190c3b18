/** Whether two confidence intervals [low, high] overlap: the test every "changed / not changed" verdict uses. */
export function intervalsOverlap(x: readonly [number, number], y: readonly [number, number]): boolean {
  return x[0] <= y[1] && y[0] <= x[1];
}
