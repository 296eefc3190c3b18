// The lab function behind function1, function2 and function3, after faas-benchmarker's nested
// invocation experiments: it sleeps, computes for a while, then calls the functions it is told to.
import { performance } from 'node:perf_hooks';

/**
 * request: { sleep?: ms, throughput_time?: ms of computing, invoke_nested?: [{ function_name, invoke_payload }] }
 * returns: who ran, when, how much it computed, and each nested call's round trip and response.
 */
export async function labFunction(request, context) {
  const startedAt = Date.now();
  const sleepMs = Number(request?.sleep ?? 0);
  if (sleepMs > 0) await new Promise((resolve) => setTimeout(resolve, sleepMs));
  const throughput = compute(Number(request?.throughput_time ?? 0));
  const nested = [];
  for (const call of request?.invoke_nested ?? []) {
    const sent = performance.now();
    const response = await context.invoke(call.function_name, call.invoke_payload ?? {});
    nested.push({ function_name: call.function_name, roundTripMs: Math.round((performance.now() - sent) * 1000) / 1000, response });
  }
  return { identifier: `${context.functionName}-${context.requestId}`, function: context.functionName, startedAt, endedAt: Date.now(), sleepMs, throughput, nested };
}

/** How many random numbers it drew in `ms` of computing (faas-benchmarker's throughput measure). */
function compute(ms) {
  if (!(ms > 0)) return 0;
  const until = performance.now() + ms;
  let drawn = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 1000; i++) Math.random();
    drawn += 1000;
  }
  return drawn;
}
