import type { FunctionMetrics, InvocationStatus, PlatformId } from '../model';

/**
 * One line of a run's invocations.jsonl: who called what, when, and what came back.
 * Field names follow SAAF / FaaS Runner so existing analysis code keeps working.
 */
export interface InvocationRecord extends FunctionMetrics {
  runId: string;
  experiment: string;
  function: string;
  platform: PlatformId;
  memoryMB: number;
  iteration: number;
  /** Closed loop: the worker (FaaS Runner "thread") that made the call; open loop: 0. */
  thread: number;
  /** 0-based number of the call on its thread: FaaS Runner's 1_run_id (absent in runs recorded before it existed). */
  threadCall?: number;
  /** Position of this call in the run's plan; unique within a run (resume uses it). */
  seq: number;
  payloadIndex: number;
  /** 0-based index of the load step */
  step?: number;
  /** the step's threads, rps or burst size */
  stepLoad?: number;
  /** Idle-time probes: the call that warms an instance ('prime') or the call after the wait ('probe') */
  idleRole?: 'prime' | 'probe';
  /** Idle-time probes: the wait between the priming call's end and the probe, in ms */
  idleMs?: number;
  /** True for iterations inside the warm-up buffer: recorded, left out of summaries. */
  warmup: boolean;
  clientStart: number;
  clientEnd: number;
  roundTripMs: number;
  /** roundTripMs - runtime, when the function reported its runtime. */
  latencyMs?: number;
  status: InvocationStatus;
  error?: string;
  errorType?: string;
  /** Cold start as best known: platform's word (e.g. Lambda Init Duration) else the shim's newcontainer. */
  cold?: boolean;
  /** Number of throttled attempts retried before this result. */
  retries: number;
  /**
   * What the function returned (status ok): its top-level fields, as FaaS Runner records every
   * field of a response. A non-object value is kept as `{ "result": value }`. Capped: a field whose
   * JSON text is over 1024 characters keeps its first 1024 as a string, and at most 100 fields are
   * kept (src/core/results/response.ts); `responseNote` then says what was cut.
   */
  response?: Record<string, unknown>;
  responseNote?: string;
  /** Nested calls (`context.invoke`): this call's id, its tree's top call's id, the id of the call that made it. */
  callId?: string;
  traceId?: string;
  parentId?: string;
  /** Round trips of the calls this one made with `context.invoke`, as the platform measured them, in order. */
  nestedRoundTripsMs?: number[];
}
