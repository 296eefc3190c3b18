// What a call does on the local platform, around the shared call skeleton: a process loads the
// handler, its memory is watched and its CPU share limited while it serves the call, and a
// runtime that will not start is the user's to fix.
import { existsSync } from 'node:fs';
import { UserError } from '../../core/model';
import type { FunctionLimits } from '../shared/limits';
import { describeFailure, throttledError, type FailureWords } from '../shared/failure-messages';
import type { CallHooks } from '../shared/instance-call';
import type { InstanceFailure } from '../shared/instance-failure';
import type { CpuQuota } from './cpu-quota';
import type { Instance } from './instance';
import { readPeakMB, type MemoryWatch } from './memory-watch';
import type { CurrentFunction } from './state';

export interface LocalCall {
  fn: CurrentFunction;
  limits: FunctionLimits;
  words: FailureWords;
  memoryWatch: MemoryWatch;
  /** Limits CPU per memory size while calls run; undefined: CPU is not scaled. */
  cpuQuota: CpuQuota | undefined;
  /** The payload, JSON-encoded once by the caller (undefined: none). */
  payloadJson: string | undefined;
}

export function localCallHooks(c: LocalCall): CallHooks<Instance> {
  const d = c.fn.deployment;
  return {
    initTimeoutReason: 'it did not load within the init timeout',
    spawned: (instance) => instance.spawned(),
    start: (instance) => instance.ready(),
    startedMessage: (instance) => `instance started, handler loaded in ${Math.round(instance.initDurationMs ?? 0)} ms`,
    watch: (instance, stop) => {
      return c.memoryWatch.watch(instance, d.memoryMB, (rssMB) => stop('out-of-memory', `it used ${rssMB} MB, over its ${d.memoryMB} MB memory size`, rssMB));
    },
    call: async (instance, answered) => {
      // Calls only: loading is left at full speed, as Lambda's init phase measurably runs faster than
      // its handler at small memory sizes.
      const unlimitCpu = c.cpuQuota?.limit(instance, d.memoryMB);
      try {
        return await instance.call(c.payloadJson, Date.now() + d.timeoutS * 1000, answered);
      } finally {
        // Continued before anything else may stop or reuse the instance.
        unlimitCpu?.();
      }
    },
    // The high-water mark: a spike between two RSS samples still counts.
    peakMemoryMB: (instance) => (instance.pid === undefined ? undefined : readPeakMB(instance.pid)),
    describe: (failure, instance) => (failure.kind === 'spawn-failed' ? spawnError(c.fn, instance, failure) : describeFailure(failure, c.limits, c.words)),
    throttled: throttledError(c.limits, c.words),
  };
}

function spawnError(fn: CurrentFunction, instance: Instance, err: InstanceFailure): UserError {
  const d = fn.deployment;
  if (!existsSync(fn.codeDir)) return new UserError(`The code of ${d.name} is missing from ${fn.codeDir}: deploy the function again`);
  return new UserError(
    `Could not start ${instance.launch.command} for ${d.name} (${err.detail.cause?.message ?? 'unknown error'}): ` +
      (d.language === 'python' ? 'install Python 3.9+ or set faasLab.local.pythonPath' : 'install Node.js 20+ or set faasLab.local.nodePath'),
  );
}
