// One synchronous call with the log tail: the shim's result and metrics, plus what Lambda's REPORT
// line says (billed duration, init duration = cold start, max memory used).
//
// Retries are split: a 429 comes back at once as status 'throttled' (the experiment runner retries
// those with backoff and counts them); only "function busy" answers (ResourceConflict while Pending,
// ResourceNotReady while reactivating) are retried here, after waiting for the function to settle.
import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { performance } from 'node:perf_hooks';
import type { Deployment, FunctionMetrics, Invocation, InvocationError, InvocationStatus } from '../../core/model';
import { encodePayload, payloadLimitsOf } from '../shared/payload';
import { round3 } from '../shared/round';
import { RAISE_MEMORY, RAISE_TIMEOUT, callTreeOf, isShimOutcome, parseJson } from '../shared/shim-answer';
import type { AwsContext } from './context';
import { awsPlatform } from './descriptor';
import { awsErrorName, httpStatusOf, isBusy, isThrottled, toUserError } from './errors';
import { parseReportLine, type ReportLine } from './report-line';
import { waitUntilSettled } from './waiters';

/** Lambda's synchronous limit on what is sent, checked before the call. */
const REQUEST_LIMIT = payloadLimitsOf(awsPlatform).request;

interface Timed<T> {
  value: T;
  clientStart: number;
  clientEnd: number;
  roundTripMs: number;
}

export async function invokeFunction(ctx: AwsContext, deployment: Deployment, payload: unknown, signal?: AbortSignal): Promise<Invocation> {
  signal?.throwIfAborted();
  // A function FaaS Lab did not create has no shim to unwrap the envelope: it gets the payload as it is.
  const body = Buffer.from(deployment.managed === false ? (encodePayload(payload, REQUEST_LIMIT) ?? 'null') : encodeEnvelope(payload));
  const command = new InvokeCommand({ FunctionName: deployment.endpoint ?? deployment.name, InvocationType: 'RequestResponse', LogType: 'Tail', Payload: body });
  for (let attempt = 0; ; attempt++) {
    const clientStart = Date.now();
    const t0 = performance.now();
    try {
      const output = await ctx.clients.invoker.send(command, { abortSignal: signal });
      return fromOutput(deployment, { value: output, clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - t0) });
    } catch (err) {
      const timed = { value: err, clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - t0) };
      if (isThrottled(err)) return throttled(deployment, timed);
      if (isBusy(err) && attempt < ctx.timing.busyRetries) {
        await waitUntilSettled(ctx.clients.lambda, deployment.endpoint ?? deployment.name, ctx.timing, signal).catch((e: unknown) => {
          throw toUserError(e, `invoking ${deployment.name}`, ctx.errors);
        });
        continue;
      }
      // Lambda's own failures (5xx) are records of this call; client-side problems are thrown.
      const status = httpStatusOf(err);
      if (status !== undefined && status >= 500) return platformError(timed);
      throw toUserError(err, `invoking ${deployment.name}`, ctx.errors);
    }
  }
}

/** What the shims understand as "call the handler with this payload and return metrics". */
export function encodeEnvelope(payload: unknown): string {
  // An object always encodes to a string; encodePayload says what to fix in a payload that cannot, or is too large.
  return encodePayload(payload === undefined ? { __faaslab: { metrics: true } } : { __faaslab: { metrics: true }, payload }, REQUEST_LIMIT) ?? '';
}

function fromOutput(deployment: Deployment, timed: Timed<InvokeCommandOutput>): Invocation {
  const output = timed.value;
  const logs = output.LogResult !== undefined ? Buffer.from(output.LogResult, 'base64').toString('utf8') : undefined;
  const report = parseReportLine(logs);
  const text = output.Payload ? Buffer.from(output.Payload).toString('utf8') : '';
  const body = parseJson(text);
  const base = { clientStart: timed.clientStart, clientEnd: timed.clientEnd, roundTripMs: timed.roundTripMs, ...(logs !== undefined ? { logs } : {}) };
  // Only the REPORT line tells a cold start for sure; without one the shim's newcontainer decides.
  const cold = report ? report.initDurationMs !== undefined : undefined;
  const withCold = cold === undefined ? base : { ...base, cold };

  if (output.FunctionError) {
    const { status, error } = functionError(deployment, body, text, report);
    return { ...withCold, status, error, metrics: reportMetrics(report) };
  }
  if (isShimOutcome(body)) {
    const metrics = { ...body.metrics, ...reportMetrics(report) };
    const tree = callTreeOf(body);
    return body.ok ? { ...withCold, status: 'ok', result: body.result, metrics, ...tree } : { ...withCold, status: 'error', error: body.error, metrics, ...tree };
  }
  // Not a FaaS Lab function (no shim): its plain return value.
  return { ...withCold, status: 'ok', result: body === undefined ? text : body, metrics: reportMetrics(report) };
}

/** Lambda's `{errorType, errorMessage, trace}` for a call the runtime could not complete. */
function functionError(d: Deployment, body: unknown, text: string, report: ReportLine | undefined): { status: InvocationStatus; error: InvocationError } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { errorType?: unknown; errorMessage?: unknown; trace?: unknown; stackTrace?: unknown };
  const errorType = typeof b.errorType === 'string' ? b.errorType : undefined;
  const message = typeof b.errorMessage === 'string' ? b.errorMessage : text || 'The function failed without an error message';
  const trace = Array.isArray(b.trace) ? b.trace : Array.isArray(b.stackTrace) ? b.stackTrace : undefined;
  const stack = trace ? trace.map(String).join('\n') : undefined;
  if (report?.status === 'timeout' || errorType === 'Sandbox.Timedout' || /Task timed out after/.test(message)) {
    return { status: 'timeout', error: { type: 'Timeout', message: `${d.name} timed out after ${d.timeoutS} s (its timeout): ${message}. If the work needs longer, ${RAISE_TIMEOUT}.` } };
  }
  if (report?.errorType === 'Runtime.OutOfMemory' || errorType === 'Runtime.OutOfMemory') {
    const used = report?.maxMemoryUsedMB !== undefined ? `used ${report.maxMemoryUsedMB} MB` : 'ran out of memory';
    return { status: 'error', error: { type: 'OutOfMemory', message: `${d.name} ${used} with a memory size of ${d.memoryMB} MB (${message}). Use less memory per call, or ${RAISE_MEMORY}.` } };
  }
  return { status: 'error', error: { type: errorType ?? 'FunctionError', message, ...(stack ? { stack } : {}) } };
}

function reportMetrics(report: ReportLine | undefined): FunctionMetrics {
  const m: FunctionMetrics = {};
  if (report?.billedDurationMs !== undefined) m.billedDurationMs = report.billedDurationMs;
  if (report?.initDurationMs !== undefined) m.initDurationMs = report.initDurationMs;
  if (report?.maxMemoryUsedMB !== undefined) m.maxMemoryUsedMB = report.maxMemoryUsedMB;
  return m;
}

function throttled(d: Deployment, timed: Timed<unknown>): Invocation {
  const reason = (timed.value as { Reason?: string }).Reason;
  const message =
    `Rate exceeded: Lambda throttled ${d.name}${reason ? ` (${reason})` : ''}; it limits concurrent executions per account and per function. ` +
    'Lower the experiment’s concurrency, or raise the limit (reserved concurrency, or a quota increase from AWS).';
  return { status: 'throttled', error: { type: 'Throttled', message }, metrics: {}, clientStart: timed.clientStart, clientEnd: timed.clientEnd, roundTripMs: timed.roundTripMs };
}

function platformError(timed: Timed<unknown>): Invocation {
  const err = timed.value as Error;
  return {
    status: 'error',
    error: { type: awsErrorName(err) ?? 'PlatformError', message: `Lambda could not run the call: ${err.message}` },
    metrics: {},
    clientStart: timed.clientStart,
    clientEnd: timed.clientEnd,
    roundTripMs: timed.roundTripMs,
  };
}

