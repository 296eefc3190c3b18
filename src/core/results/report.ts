// The plain-text report `faas-lab report <run>` prints, and `faas-lab run` prints at its end:
// aligned columns with units in the headers, no colours, so it pastes into an issue or a paper.
import { count, duration, medianBasis, MISSING, msDigits, percent, usd, usdDigits } from '../format';
import type { MetricStats } from './stats';
import type { GroupSummary, RunSummary } from './summary';
import type { RecordsCost, TradeOff } from './cost';
import { analysisLines } from './report-analyses';
import { table } from './text-table';

export { table };
import type { NestedSummary } from './nested';

export interface ReportOptions {
  /** Leave out the latency row of each group (round trip - runtime), for a narrower table. */
  omitLatency?: boolean;
}

export function formatReport(summary: RunSummary, options: ReportOptions = {}): string {
  const out: string[] = [];
  out.push(...header(summary), '');
  if (summary.groups.length === 0) {
    out.push('No calls to summarize.');
    return out.join('\n') + '\n';
  }
  out.push(...groupTable(summary, options), '');
  out.push(coldStartLine(summary));
  if (summary.concurrency) {
    const c = summary.concurrency;
    out.push(`Concurrency: peak ${c.peak}, mean ${c.mean.toFixed(2)} over ${duration(c.spanMs)} (client side)`);
  }
  out.push(...costLines(summary));
  out.push(...idleSearchLines(summary));
  if (summary.nested) out.push('', ...nestedLines(summary.nested));
  for (const t of summary.tradeOffs) {
    const line = tradeOffLine(t, summary.functions.length > 1 || summary.platforms.length > 1);
    if (line) out.push(line);
  }
  out.push(...analysisLines(summary.analyses));
  return out.join('\n') + '\n';
}

/** The idle search's estimate of the time to a cold start, with the bracket it was found in. */
function idleSearchLines(s: RunSummary): string[] {
  return (s.run.idleSearch ?? []).map((r) => {
    const where = `${r.platform} ${r.memoryMB} MB`;
    const stopped = r.incomplete ? ` (search stopped: ${r.incomplete})` : '';
    if (r.estimateS === undefined) return `Time to cold start, ${where}: ${r.coldS === undefined ? `warm after every idle time up to ${r.warmS} s` : `between ${r.warmS} s and ${r.coldS} s`}${stopped}`;
    return `Time to cold start, ${where}: about ${r.estimateS} s (warm after ${r.warmS} s, cold after ${r.coldS} s; ${r.probedS.length} idle times probed)${stopped}`;
  });
}

function header(s: RunSummary): string[] {
  const lines = [`Run ${s.run.runId} of experiment "${s.run.experiment}"`];
  const facts = [
    s.run.status !== undefined ? `status ${s.run.status}` : undefined,
    `platform${s.platforms.length === 1 ? '' : 's'} ${s.platforms.join(', ') || '-'}`,
    `function${s.functions.length === 1 ? '' : 's'} ${s.functions.join(', ') || '-'}`,
  ].filter((x): x is string => x !== undefined);
  lines.push(facts.join(' · '));
  const when = [
    s.run.startedAt !== undefined ? `started ${s.run.startedAt}` : undefined,
    s.run.endedAt !== undefined ? `ended ${s.run.endedAt}` : undefined,
    s.run.durationMs !== undefined ? `duration ${duration(s.run.durationMs)}` : undefined,
  ].filter((x): x is string => x !== undefined);
  if (when.length > 0) lines.push(when.join(' · '));
  const c = s.counts;
  const failures = [
    c.error ? `${count(c.error)} error` : '',
    c.timeout ? `${count(c.timeout)} timeout` : '',
    c.throttled ? `${count(c.throttled)} throttled` : '',
  ].filter(Boolean);
  let calls = `Calls: ${count(c.summarized)} summarized, ${count(c.ok)} ok`;
  if (failures.length > 0) calls += `, ${failures.join(', ')}`;
  if (c.retries) calls += `; ${count(c.retries)} throttled attempts retried`;
  if (c.warmupExcluded) calls += `; ${count(c.warmupExcluded)} warm-up calls excluded`;
  lines.push(calls);
  return lines;
}

function groupTable(s: RunSummary, options: ReportOptions): string[] {
  const pct = Math.round(s.options.confidence * 100);
  const head = ['group', 'n', 'errors', 'cold', 'metric', 'mean ms', `±${pct}% CI ms`, 'p50 ms', 'p90 ms', 'p99 ms', '$ per 1M'];
  const rows: string[][] = [];
  for (const g of s.groups) {
    const metrics: Array<[string, MetricStats | undefined]> = [
      ['round trip', g.roundTripMs],
      ['runtime', g.runtime],
    ];
    if (!options.omitLatency) metrics.push(['latency', g.latencyMs]);
    const shown = metrics.filter(([, m]) => m !== undefined);
    if (shown.length === 0) shown.push(['round trip', undefined]);
    shown.forEach(([name, m], i) => {
      const first = i === 0;
      rows.push([
        first ? g.label : '',
        first ? count(g.n) : '',
        first ? count(errorCount(g)) : '',
        first ? percent(g.coldStarts.rate) : '',
        m ? name : `${name} (no ok calls)`,
        m ? formatMs(m.mean) : '',
        m?.ciHalfWidth !== undefined ? formatMs(m.ciHalfWidth) : '',
        m ? formatMs(m.p50) : '',
        m ? formatMs(m.p90) : '',
        m ? formatMs(m.p99) : '',
        first ? (g.cost.perMillionUSD === undefined ? MISSING : usdDigits(g.cost.perMillionUSD)) : '',
      ]);
    });
  }
  const timings = s.options.timingsFrom === 'ok' ? 'ok calls' : 'all calls';
  return [`Per ${s.options.groupBy.join(' × ') || 'run'} (timings over ${timings}; errors = error + timeout + throttled):`, ...table(head, rows, [false, true, true, true, false, true, true, true, true, true, true])];
}

function nestedLines(n: NestedSummary): string[] {
  const head = ['caller → callee', 'n', 'caller own ms', 'round trip ms', 'callee runtime ms', 'hop overhead ms'];
  const rows = n.hops.map((h) => [`${h.caller} → ${h.callee}`, count(h.n), formatMs(h.meanCallerOwnMs), formatMs(h.meanRoundTripMs), formatMs(h.meanCalleeRuntimeMs), formatMs(h.meanHopOverheadMs)]);
  return [
    `Nested calls over ${count(n.trees)} call trees (means per nested call):`,
    ...table(head, rows, [false, true, true, true, true, true]),
    `Double billing: callers billed ${formatMs(n.meanWaitingBilledMs)} ms per tree while waiting, of ${formatMs(n.meanBilledMs)} ms billed (${percent(n.waitingShare)})`,
  ];
}

function errorCount(g: GroupSummary): number {
  return g.statuses.error + g.statuses.timeout + g.statuses.throttled;
}

function coldStartLine(s: RunSummary): string {
  const c = s.coldStarts;
  if (c.known === 0) return 'Cold starts: not reported by the platform for any call.';
  let line = `Cold starts: ${count(c.cold)} of ${count(c.known)} calls (${percent(c.rate)})`;
  if (c.meanInitDurationMs !== undefined) line += `; mean init ${formatMs(c.meanInitDurationMs)} ms (${count(c.initReported)} reported)`;
  if (c.meanColdRoundTripMs !== undefined && c.meanWarmRoundTripMs !== undefined) {
    line += `; mean round trip cold ${formatMs(c.meanColdRoundTripMs)} ms vs warm ${formatMs(c.meanWarmRoundTripMs)} ms`;
  }
  return line;
}

function costLines(s: RunSummary): string[] {
  const lines: string[] = [];
  let line = `Cost at list price: ${usd(s.cost.totalUSD)} for this run`;
  if (s.cost.warmupUSD > 0) line += ` (incl. ${usd(s.cost.warmupUSD)} of warm-up calls)`;
  const basis = basisText(s.cost.summarized);
  if (basis) line += `; costed on ${basis}`;
  lines.push(line);
  for (const [platform, p] of Object.entries(s.cost.prices)) {
    if (!p || p.source.startsWith('none')) continue;
    lines.push(`  ${platform} ${p.variant} prices: ${p.source} (read ${p.readOn}; ${p.region})`);
  }
  return lines;
}

function basisText(cost: RecordsCost): string {
  const names = { billed: 'billed duration', runtime: 'runtime', roundTrip: 'round trip' } as const;
  return (['billed', 'runtime', 'roundTrip'] as const)
    .filter((b) => cost.basisCounts[b] > 0)
    .map((b) => `${names[b]} (${count(cost.basisCounts[b])})`)
    .join(', ');
}

function tradeOffLine(t: TradeOff, qualify: boolean): string | undefined {
  const metric = t.durationMetric === 'runtime' ? 'runtime' : 'round trip';
  const parts: string[] = [];
  if (t.best) parts.push(`best trade-off ${t.best.memoryMB} MB (${usd(t.best.perMillionUSD)} per 1M, p50 ${metric} ${formatMs(t.best.p50DurationMs)} ms)`);
  if (t.cheapest) parts.push(`cheapest ${t.cheapest.memoryMB} MB (${usd(t.cheapest.perMillionUSD)} per 1M)`);
  if (t.fastest) parts.push(`fastest ${t.fastest.memoryMB} MB (p50 ${metric} ${formatMs(t.fastest.p50DurationMs)} ms)`);
  if (parts.length === 0) return undefined;
  if (t.payloads > 1) parts.push(`p50 ${metric} here is the ${medianBasis(t.durationMetric, t.payloads, t.payloadWeights)}`);
  const text = parts.join('; ');
  return `${qualify ? `${t.function} on ${t.platform}: ` : ''}${text[0].toUpperCase()}${text.slice(1)}`;
}

/** A call's duration for an "ms" column or after a number: the shared digits, '' when missing. */
function formatMs(value: number | undefined): string {
  return value === undefined ? '' : msDigits(value);
}
