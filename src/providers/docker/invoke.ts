// What a call does on the Docker platform, around the shared call skeleton: a container starts
// and answers its health check, the call goes to its shim over HTTP, and the engine enforces the
// memory size (its cgroup tells the peak).
import type { FunctionLimits } from '../shared/limits';
import { describeFailure, throttledError, type FailureWords } from '../shared/failure-messages';
import type { CallHooks, DescribedFailure } from '../shared/instance-call';
import type { InstanceFailure } from '../shared/instance-failure';
import type { DockerInstance } from './instance';

export interface DockerCall {
  limits: FunctionLimits;
  words: FailureWords;
  /** The payload, JSON-encoded once by the caller (undefined: none). */
  payloadJson: string | undefined;
  /** Peak memory of the container so far, in MB, where it can be read. */
  peakMemoryMB(instance: DockerInstance): number | undefined;
}

export function dockerCallHooks(c: DockerCall): CallHooks<DockerInstance> {
  return {
    initTimeoutReason: 'it did not answer its health check within the init timeout',
    start: (instance) => instance.start(),
    startedMessage: (instance) => `container ${instance.containerId?.slice(0, 12)} started, healthy in ${Math.round(instance.initDurationMs ?? 0)} ms`,
    call: (instance, answered) => instance.call(c.payloadJson, answered),
    peakMemoryMB: c.peakMemoryMB,
    describe: (failure) => describeContainerFailure(failure, c.limits, c.words),
    throttled: throttledError(c.limits, c.words),
  };
}

/** Timeouts, memory and crashes read as on the local platform; a missing command gets a hint. */
export function describeContainerFailure(failure: InstanceFailure, f: FunctionLimits, words: FailureWords): DescribedFailure {
  const described = describeFailure(failure, f, words);
  if (failure.kind === 'crashed' && failure.detail.phase === 'init' && failure.detail.exitCode === 127) {
    described.error.message += `\nExit code 127 means the container's command was not found: the image must have node (Node) or python3 (Python) on its PATH.`;
  }
  return described;
}
