// How FaaS Lab writes money, durations, counts and sizes, on every surface (CLI report, results
// explorer, experiment editor, messages), so a figure reads the same wherever it appears. Pure: no
// Node, no DOM, so the webviews bundle it too.

/** What a missing figure shows. */
export const MISSING = '–';

type Figure = number | null | undefined;

/** Dollars without the sign: cents from $0.01 up; below, three significant digits (a call costs millionths). */
export function usdDigits(value: number): string {
  if (value === 0) return '0.00';
  const abs = Math.abs(value);
  if (abs >= 0.01 || Number(abs.toPrecision(3)) >= 0.01) return value.toFixed(2);
  return value.toFixed(Math.min(20, 2 - Math.floor(Math.log10(abs))));
}

/** "$0.00", "$12.35", "$0.000000410". */
export function usd(value: Figure): string {
  return value === null || value === undefined ? MISSING : `$${usdDigits(value)}`;
}

/** A call's duration in ms without the unit: two decimals under 10, one under 100, none above. */
export function msDigits(value: number): string {
  const abs = Math.abs(value);
  if (value === 0) return '0';
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

/** A call's duration: "9.88 ms", "45.0 ms", "512 ms"; from 10 s on, in seconds ("12.3 s"). */
export function ms(value: Figure): string {
  if (value === null || value === undefined) return MISSING;
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  return `${msDigits(value)} ms`;
}

/** Mean ± half-width of its confidence interval. */
export function meanWithCi(mean: number, low: number | null, high: number | null): string {
  if (low === null || high === null) return ms(mean);
  return `${ms(mean)} ± ${ms((high - low) / 2)}`;
}

/** How long something takes as a whole (a run, an experiment): "850 ms", "2.5 s", "1 min 23 s", "2 h 10 min". */
export function duration(value: number): string {
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 59_950) return `${(value / 1000).toFixed(1)} s`;
  const s = Math.round(value / 1000);
  const min = Math.floor(s / 60);
  if (min < 60) return s % 60 === 0 ? `${min} min` : `${min} min ${s % 60} s`;
  const hours = Math.floor(min / 60);
  return min % 60 === 0 ? `${hours} h` : `${hours} h ${min % 60} min`;
}

/**
 * `n.toLocaleString('en-US')` ("12,345", at most 3 decimals) without Intl: the first Intl call
 * loads ICU's data, ~7 MB of RSS for a report that prints a few counts.
 */
export function count(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n.toLocaleString('en-US');
  // Intl rounds the shortest decimal form of n (half away from zero), not its binary value.
  const shortest = String(Math.abs(n));
  let [whole, fraction = ''] = shortest.includes('e') ? ['0', ''] : shortest.split('.');
  if (fraction.length > 3) {
    const up = fraction[3] >= '5';
    fraction = fraction.slice(0, 3);
    if (up) {
      const digits = incrementDigits(whole + fraction);
      whole = digits.slice(0, digits.length - 3);
      fraction = digits.slice(-3);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  const text = whole.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction ? `.${fraction}` : '');
  return n < 0 || Object.is(n, -0) ? `-${text}` : text;
}

/** "1299" -> "1300", "999" -> "1000". */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** A share (0.123) as a percentage: "12.3%". */
export function percent(rate: Figure, digits = 1): string {
  if (rate === null || rate === undefined) return MISSING;
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A change in percent with its sign ("+4.0%", "−20.3%"); null (nothing before): "new". */
export function signedPercent(change: number | null): string {
  if (change === null) return 'new';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  return `${sign}${Math.abs(change).toFixed(1)}%`;
}

/** A memory size: "128 MB". */
export function memorySize(memoryMB: number): string {
  return `${memoryMB} MB`;
}

// What the memory trade-off's "median" is, in the words the report and the results explorer share:
// a plain median with one payload; with several, each payload's median, then their mean, weighted by
// the payloads' weights when the experiment gives them (weightedPayloads).
/** `median runtime`; `mean of the 2 payloads' median runtimes, weighted 5:1 by payload weight`. */
export function medianBasis(metric: 'runtime' | 'roundTrip', payloads: number, weights?: readonly number[]): string {
  const name = metric === 'runtime' ? 'runtime' : 'round trip';
  if (payloads <= 1) return `median ${name}`;
  const mean = `mean of the ${payloads} payloads' median ${name}s`;
  return weights && weights.length === payloads ? `${mean}, weighted ${weights.join(':')} by payload weight` : mean;
}

/** The same, short enough for a chart axis: `median runtime`, `payload-mean median runtime`, `weighted payload-mean median runtime`. */
export function medianAxisLabel(metric: 'runtime' | 'roundTrip', payloads: number, weights?: readonly number[]): string {
  const name = metric === 'runtime' ? 'runtime' : 'round trip';
  if (payloads <= 1) return `median ${name}`;
  return `${weights && weights.length === payloads ? 'weighted ' : ''}payload-mean median ${name}`;
}
