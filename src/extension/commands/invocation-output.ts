import { ms } from '../../core/format';
import type { Invocation } from '../../core/model';
import type { OutputLines } from './context';

/** The result, the error or timeout, and the measurements, in the output channel. */
export function writeInvocation(out: OutputLines, name: string, inv: Invocation): void {
  const m = inv.metrics;
  out.appendLine(`── ${name} · ${inv.status}${inv.cold === undefined ? '' : inv.cold ? ' · cold start' : ' · warm'} · round trip ${ms(inv.roundTripMs)}${m.runtime === undefined ? '' : ` · runtime ${ms(m.runtime)}`}${m.initDurationMs === undefined ? '' : ` · init ${ms(m.initDurationMs)}`}`);
  if (inv.status === 'ok') out.appendLine(JSON.stringify(inv.result, null, 2) ?? 'undefined');
  else out.appendLine(`${inv.error?.type ?? inv.status}: ${inv.error?.message ?? ''}${inv.error?.stack ? `\n${inv.error.stack}` : ''}`);
  if (inv.logs) out.appendLine(`logs:\n${inv.logs}`);
  out.appendLine(`metrics: ${JSON.stringify(m)}`);
  out.show(true);
}
