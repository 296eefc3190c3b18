import type { FunctionSpec, Invocation } from '../../core/model';
import type { FaasLabContext } from '../context';
import { askPayload } from '../payloads';
import { deployWithProgress } from './deploy';
import { registerCommand, withProgress } from './register';
import { chooseFunction, choosePlatform } from './targets';

export function registerInvoke(ctx: FaasLabContext): void {
  registerCommand(ctx, 'faasLab.invoke', async (fromLens?: FunctionSpec) => {
    const spec = await chooseFunction(ctx, fromLens);
    const provider = spec && (await choosePlatform(ctx, spec));
    if (!spec || !provider) return;
    const payload = await askPayload(ctx, spec.name, spec.file);
    if (payload === undefined) return;
    const { deployment } = await deployWithProgress(ctx, spec, provider);
    const inv = await withProgress(`FaaS Lab: invoking ${spec.name} on ${provider.displayName}`, (_report, signal) =>
      provider.invoke(deployment, payload, { signal }),
    );
    writeInvocation(ctx, spec.name, inv);
    return inv;
  });
}

/** The result, the error or timeout, and the measurements, in the output channel. */
export function writeInvocation(ctx: FaasLabContext, name: string, inv: Invocation): void {
  const out = ctx.output;
  const m = inv.metrics;
  out.appendLine(`── ${name} · ${inv.status}${inv.cold === undefined ? '' : inv.cold ? ' · cold start' : ' · warm'} · round trip ${inv.roundTripMs.toFixed(1)} ms${m.runtime === undefined ? '' : ` · runtime ${m.runtime.toFixed(1)} ms`}${m.initDurationMs === undefined ? '' : ` · init ${m.initDurationMs.toFixed(0)} ms`}`);
  if (inv.status === 'ok') out.appendLine(JSON.stringify(inv.result, null, 2) ?? 'undefined');
  else out.appendLine(`${inv.error?.type ?? inv.status}: ${inv.error?.message ?? ''}${inv.error?.stack ? `\n${inv.error.stack}` : ''}`);
  if (inv.logs) out.appendLine(`logs:\n${inv.logs}`);
  out.appendLine(`metrics: ${JSON.stringify(m)}`);
  out.show(true);
}
