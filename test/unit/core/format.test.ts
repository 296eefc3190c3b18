// One way to write each kind of figure, on every surface: these are the rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count, duration, meanWithCi, memorySize, ms, msDigits, percent, signedPercent, usd, usdDigits } from '../../../src/core/format';

test('formatting', () => {
  assert.equal(ms(12345), '12.3 s');
  assert.equal(ms(null), '–');
  assert.equal(meanWithCi(5, null, null), '5.00 ms');
  assert.equal(usd(0.000123), '$0.000123');
  assert.equal(usd(0.8), '$0.80');
  assert.equal(ms(0), '0 ms');
  assert.equal(signedPercent(-20.04), '−20.0%');
  assert.equal(signedPercent(null), 'new');
});

test('cost: $0.00 for nothing, cents from a cent up, three significant digits below (per-call costs)', () => {
  assert.equal(usd(0), '$0.00');
  assert.equal(usd(12.345), '$12.35');
  assert.equal(usd(2083.3333), '$2083.33');
  assert.equal(usd(0.30625), '$0.31');
  assert.equal(usd(0.05), '$0.05');
  assert.equal(usd(4.104170875e-7), '$0.000000410');
  assert.equal(usd(2e-7), '$0.000000200');
  assert.equal(usd(0.0042), '$0.00420');
  // Rounding up to a cent reads as cents, not "$0.0100".
  assert.equal(usd(0.009999), '$0.01');
  assert.equal(usd(undefined), '–');
  assert.equal(usd(null), '–');
  assert.equal(usdDigits(0.30625), '0.31');
  assert.equal(usdDigits(0), '0.00');
});

test('call durations: two decimals under 10 ms, one under 100, none above; seconds from 10 s', () => {
  assert.equal(ms(9.876), '9.88 ms');
  assert.equal(ms(45), '45.0 ms');
  assert.equal(ms(512.34), '512 ms');
  assert.equal(ms(9999), '9999 ms');
  assert.equal(msDigits(6), '6.00');
  assert.equal(msDigits(150), '150');
  assert.equal(meanWithCi(512.34, 510.34, 514.34), '512 ms ± 2.00 ms');
});

test('durations of a whole run or experiment', () => {
  assert.equal(duration(250), '250 ms');
  assert.equal(duration(2500), '2.5 s');
  assert.equal(duration(59_900), '59.9 s');
  assert.equal(duration(60_000), '1 min');
  assert.equal(duration(83_400), '1 min 23 s');
  assert.equal(duration(3_600_000), '1 h');
  assert.equal(duration(3_723_000), '1 h 2 min');
});

test('counts, shares and sizes', () => {
  assert.equal(count(12000), '12,000');
  assert.equal(percent(0.0123), '1.2%');
  assert.equal(percent(0.5, 0), '50%');
  assert.equal(percent(undefined), '–');
  assert.equal(signedPercent(4), '+4.0%');
  assert.equal(signedPercent(0), '±0.0%');
  assert.equal(memorySize(128), '128 MB');
});

test('count writes what toLocaleString("en-US") writes, without loading Intl', () => {
  const values = [0, -0, 1, 12, 999, 1000, 1234, 12345, 1234567, 1e9, 2.5, 0.1, 0.0005, 0.0004, 1.0005, 1.2345, 999.9996, 999999.9999, -1, -1234.5, -0.0004, 5e-7, -5e-7, 123456789.123456, 1e20, 1e21, 9007199254740991, NaN, Infinity];
  let seed = 1;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 20000; i++) values.push(next() * 10 ** Math.floor(next() * 12) * (next() < 0.2 ? -1 : 1), Math.round(next() * 1e6) / 1000 + 0.0005);
  for (const v of values) assert.equal(count(v), v.toLocaleString('en-US'), String(v));
});
