// How Python writes values in FaaS Runner's report: str() of numbers, booleans and None, repr()
// of lists and dicts, and decimal.Decimal sums and rounded averages, so its CSV reads the same.

/** str(value) as Python prints a value parsed from JSON (ints without a point, floats with one). */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  return pyRepr(value);
}

/** repr(value); `float` marks a number Python holds as a float (prints 2000.0, not 2000). */
export function pyRepr(value: unknown, float = false): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value, float);
  if (typeof value === 'string') return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map((v) => pyRepr(v)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function pyNumber(n: number, float: boolean): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && !float) return String(n);
  let text = String(n);
  // Python writes two-digit exponents (1e-07) and switches to them from 1e16 on.
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${text}.0`;
  text = text.replace(/e([+-])(\d)$/, 'e$10$2');
  return text;
}

function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** A decimal.Decimal of a plain number text: coefficient and digits after the point. */
export interface PyDecimal {
  coefficient: bigint;
  scale: number;
}

/** Decimal(text), or undefined where Python's Decimal() would raise (text that is not a finite number). */
export function parseDecimal(text: unknown): PyDecimal | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const digits = `${m[2]}${m[3] ?? ''}` || '0';
  let coefficient = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  let scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  if (scale < 0) {
    coefficient *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { coefficient, scale };
}

export function addDecimal(a: PyDecimal, b: PyDecimal): PyDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { coefficient: a.coefficient * 10n ** BigInt(scale - a.scale) + b.coefficient * 10n ** BigInt(scale - b.scale), scale };
}

export function decimalText(d: PyDecimal): string {
  const negative = d.coefficient < 0n;
  const digits = (negative ? -d.coefficient : d.coefficient).toString().padStart(d.scale + 1, '0');
  const whole = d.scale > 0 ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}` : digits;
  return negative ? `-${whole}` : whole;
}

/** str(round(total / count, 2)) with Decimal: two places, ties to even. */
export function decimalAverageText(total: PyDecimal, count: number): string {
  const numerator = total.coefficient * 100n;
  const denominator = BigInt(count) * 10n ** BigInt(total.scale);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const twice = (n % denominator) * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return decimalText({ coefficient: negative ? -q : q, scale: 2 });
}
