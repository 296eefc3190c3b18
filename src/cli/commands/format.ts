import { ms } from '../../core/format';
import type { Deployment, Invocation } from '../../core/model';

export function describeDeployment(d: Deployment): string {
  if (d.platform === 'http') return `  ${d.name}  → ${d.endpoint ?? '(no URL)'}  not managed by FaaS Lab`;
  const unmanaged = d.managed === false ? `  not created by FaaS Lab${d.endpoint && d.endpoint !== d.name ? ` (${d.endpoint})` : ''}` : '';
  return `  ${d.name}  ${d.runtime}  ${d.memoryMB} MB  timeout ${d.timeoutS} s  code ${d.codeHash.slice(0, 12)}  updated ${d.updatedAt}${unmanaged}`;
}

/** One line a person reads after an invocation: outcome, start kind and timings. */
export function describeInvocation(inv: Invocation): string {
  const m = inv.metrics;
  const parts = [
    inv.status,
    inv.cold === undefined ? undefined : inv.cold ? 'cold start' : 'warm',
    `round trip ${ms(inv.roundTripMs)}`,
    m.runtime === undefined ? undefined : `runtime ${ms(m.runtime)}`,
    m.initDurationMs === undefined ? undefined : `init ${ms(m.initDurationMs)}`,
    m.functionMemory === undefined ? undefined : `${m.functionMemory} MB`,
    m.uuid === undefined ? undefined : `instance ${m.uuid.slice(0, 8)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}
