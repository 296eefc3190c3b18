import { benchAwsInvoke } from '../../test/fixtures/aws/bench';
import { fmt } from './stats';

/** The AWS provider's invoke path (real SDK, SigV4, sockets) at 1000 in flight against the loopback Lambda API. */
export async function benchAws(): Promise<string[]> {
  const r = await benchAwsInvoke({ inFlight: 1000, total: 10000 });
  return [
    `AWS provider vs loopback Lambda API, 10,000 invokes at 1000 in flight: ${r.invocationsPerSecond.toFixed(0)}/s · client overhead p50 ${fmt(r.clientOverheadP50Ms)} p99 ${fmt(r.clientOverheadP99Ms)} · client CPU ${r.clientCpuMsPerCall.toFixed(2)} ms per call · ${r.errors} errors`,
  ];
}
