// The report's sections for the experiment analyses: load steps, cold start against idle time,
// the three cold-start signals compared, scale-out and the memory recommendation.
import { count, duration, memorySize, ms, percent, usd } from '../format';
import type { RunAnalyses } from './analyses';
import type { ColdSignalsSummary } from './cold-signals';
import { COLD_SIGNALS } from './cold-signals';
import type { Estimate, Recommendation } from './recommendation';
import { table } from './text-table';

const SIGNAL_NAME = { platform: 'platform (cold)', newcontainer: 'SAAF newcontainer', initDuration: 'init duration reported' } as const;

export function analysisLines(a: RunAnalyses): string[] {
  const out: string[] = [];
  if (a.loadSteps) {
    out.push('', 'Per load step (round trip of ok calls):');
    const rows = a.loadSteps.map((s) => [String(s.step), s.load === undefined ? '' : count(s.load), count(s.n), ms(s.p50RoundTripMs), ms(s.p95RoundTripMs), percent(s.coldRate)]);
    out.push(...table(['step', 'load', 'calls', 'p50', 'p95', 'cold'], rows, [true, true, true, true, true, true]));
  }
  if (a.idleCold) {
    out.push('', 'Cold-start probability after idle time (probe calls; Wilson 95% interval):');
    const rows = a.idleCold.map((p) => [duration(p.idleMs), count(p.probes), p.known ? `${count(p.cold)}/${count(p.known)}` : '–', percent(p.probability), p.ciLow === undefined ? '' : `${percent(p.ciLow)}–${percent(p.ciHigh)}`]);
    out.push(...table(['idle', 'probes', 'cold', 'P(cold)', 'interval'], rows, [true, true, true, true, true]));
  }
  out.push(...coldSignalLines(a.coldSignals));
  for (const s of a.scaleOut ?? []) {
    const where = `${s.function} on ${s.platform} at ${memorySize(s.memoryMB)}${s.step === undefined ? '' : `, step ${s.step}${s.stepLoad === undefined ? '' : ` (load ${count(s.stepLoad)})`}`}`;
    out.push(`Scale-out, ${where}: ${count(s.instances)} instance${s.instances === 1 ? '' : 's'} for ${count(s.calls)} calls (peak ${count(s.peakInFlight)} in flight); 90% of them by ${duration(s.timeTo90PctMs)}, all by ${duration(s.timeToAllMs)}`);
  }
  for (const r of a.recommendations) out.push(recommendationLine(r, a.recommendations.length > 1));
  return out;
}

/** Only when two signals were both known on some call: otherwise there is nothing to compare. */
function coldSignalLines(c: ColdSignalsSummary): string[] {
  if (c.compared === 0) return [];
  const out = ['', `Cold-start signals (${count(c.agree)} of ${count(c.compared)} calls with two or more signals agree):`];
  out.push(...table(['signal', 'calls known', 'say cold'], COLD_SIGNALS.map((s) => [SIGNAL_NAME[s], count(c.signals[s].known), count(c.signals[s].cold)]), [false, true, true]));
  for (const d of c.disagreements.slice(0, 5)) {
    const says = COLD_SIGNALS.filter((s) => d.readings[s] !== 'unknown').map((s) => `${SIGNAL_NAME[s]} ${d.readings[s]}`);
    out.push(`  disagree on ${count(d.calls)} call${d.calls === 1 ? '' : 's'}: ${says.join(', ')}`);
  }
  return out;
}

function interval(e: Estimate | undefined, format: (v: number) => string): string {
  if (!e) return '–';
  return e.ciLow === undefined || e.ciHigh === undefined ? format(e.mean) : `${format(e.mean)} [${format(e.ciLow)}, ${format(e.ciHigh)}]`;
}

export function recommendationLine(r: Recommendation, qualify: boolean): string {
  const strategy = r.strategy === 'balanced' ? `balanced, weight ${r.balancedWeight}` : r.strategy;
  const metric = r.durationMetric === 'runtime' ? 'runtime' : 'round trip';
  const pct = Math.round(r.confidence * 100);
  let line = `${qualify ? `${r.function} on ${r.platform}: ` : ''}Recommended memory (${strategy}${r.strategyFromSpec ? '' : ', the default strategy'}): ${memorySize(r.memoryMB)}`;
  line += ` — mean ${metric} ${interval(r.recommended.durationMs, ms)}`;
  if (!r.free) line += `, ${interval(r.recommended.costUSD && per1M(r.recommended.costUSD), usd)} per 1M calls`;
  const weights = r.payloadWeights ? `, weighted ${r.payloadWeights.join(':')} by payload weight` : '';
  line += ` (${pct}% t intervals${r.payloads > 1 ? `, the mean of the ${r.payloads} payloads' means${weights}` : ''})`;
  if (r.free) line += '; nothing here costs money, so speed decides';
  if (r.runnerUp?.overlaps) line += `; ${memorySize(r.runnerUp.memoryMB)} scores within the interval: more calls would tell them apart`;
  return line;
}

function per1M(e: Estimate): Estimate {
  const out: Estimate = { mean: e.mean * 1e6 };
  if (e.ciLow !== undefined) out.ciLow = e.ciLow * 1e6;
  if (e.ciHigh !== undefined) out.ciHigh = e.ciHigh * 1e6;
  return out;
}
