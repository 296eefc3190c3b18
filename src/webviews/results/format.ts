// How numbers read in the charts and the table: milliseconds to a sensible precision, dollars,
// percentages and signed changes.

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '0 ms';
  const abs = Math.abs(value);
  if (abs >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (abs >= 100) return `${value.toFixed(0)} ms`;
  if (abs >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** Mean ± half-width of its confidence interval. */
export function meanWithCi(mean: number, low: number | null, high: number | null): string {
  if (low === null || high === null) return ms(mean);
  return `${ms(mean)} ± ${ms((high - low) / 2)}`;
}

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value === 0) return '$0';
  if (Math.abs(value) >= 100) return `$${value.toFixed(0)}`;
  if (Math.abs(value) >= 0.01) return `$${value.toFixed(2)}`;
  return `$${Number(value.toPrecision(3))}`;
}

export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined) return '–';
  return `${(rate * 100).toFixed(digits)}%`;
}

export function signedPercent(change: number | null): string {
  if (change === null) return 'new';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${Math.abs(change).toFixed(1)}%`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function memory(mb: number): string {
  return `${mb} MB`;
}
