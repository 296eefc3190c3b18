import type { Invocation } from '../../core/model';
import type { OutputLines } from './context';

/** The result, the error or timeout, and the measurements, in the output channel. */
export function writeInvocation(out: OutputLines, name: string, inv: Invocation): void {
  const m = inv.metrics;
  out.appendLine(`── ${name} · ${inv.status}${inv.cold === undefined ? '' : inv.cold ? ' · cold start' : ' · warm'} · round trip ${inv.roundTripMs.toFixed(1)} ms${m.runtime === undefined ? '' : ` · runtime ${m.runtime.toFixed(1)} ms`}${m.initDurationMs === undefined ? '' : ` · init ${m.initDurationMs.toFixed(0)} ms`}`);
  if (inv.status === 'ok') out.appendLine(JSON.stringify(inv.result, null, 2) ?? 'undefined');
  else out.appendLine(`${inv.error?.type ?? inv.status}: ${inv.error?.message ?? ''}${inv.error?.stack ? `\n${inv.error.stack}` : ''}`);
  if (inv.logs) out.appendLine(`logs:\n${inv.logs}`);
  out.appendLine(`metrics: ${JSON.stringify(m)}`);
  out.show(true);
}
