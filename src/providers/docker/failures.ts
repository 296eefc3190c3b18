// What a user reads when a Docker instance fails. Timeouts, memory and crashes read as they do
// on the local platform (the same wording, shared); throttling and stops name Docker's settings.
import type { InvocationError, InvocationStatus } from '../../core/model';
import { describeFailure, type FunctionLimits } from '../local/failures';
import type { InstanceFailure } from '../local/instance';

export type { FunctionLimits } from '../local/failures';

export function describeContainerFailure(failure: InstanceFailure, f: FunctionLimits): { status: InvocationStatus; error: InvocationError } {
  if (failure.kind === 'stopped') {
    return {
      status: 'error',
      error: {
        type: 'InstanceStopped',
        message: `FaaS Lab removed ${f.name}'s container during the call (the function was removed or FaaS Lab was closing).`,
      },
    };
  }
  const described = describeFailure(failure, f);
  if (failure.kind === 'crashed' && failure.detail.phase === 'init' && failure.detail.exitCode === 127) {
    described.error.message += `\nExit code 127 means the container's command was not found: the image must have node (Node) or python3 (Python) on its PATH.`;
  }
  return described;
}

export function throttledError(f: FunctionLimits): InvocationError {
  return {
    type: 'Throttled',
    message: `Rate exceeded: ${f.name} already runs ${f.maxConcurrency} concurrent calls, the Docker platform's concurrency limit. Retry later, or raise faasLab.docker.maxConcurrency.`,
  };
}
