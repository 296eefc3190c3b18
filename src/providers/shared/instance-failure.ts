// How an instance (a process or a container) stopped serving: what the call skeleton turns into
// a failed invocation or a thrown error.
export type FailureKind = 'timeout' | 'out-of-memory' | 'aborted' | 'stopped' | 'crashed' | 'spawn-failed';

export interface FailureDetail {
  /** Whether the instance was loading the handler or serving a call. */
  phase: 'init' | 'call';
  exitCode?: number | null;
  signal?: NodeJS.Signals | null;
  stderrTail: string[];
  rssMB?: number;
  cause?: Error;
}

export class InstanceFailure extends Error {
  override readonly name = 'InstanceFailure';
  constructor(
    readonly kind: FailureKind,
    readonly detail: FailureDetail,
  ) {
    super(`instance ${kind} during ${detail.phase}`);
  }
}
