// Plain-text tables for the CLI's reports: no colours, so they paste into an issue or a paper.

/** Aligned plain-text table: two spaces between columns, a dashed rule under the header. */
export function table(head: string[], rows: string[][], rightAligned: boolean[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
