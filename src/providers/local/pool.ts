// The local platform's pool: instances are child processes.
import { InstancePool } from '../shared/pool';
import { Instance, type InstanceLaunch, type LogSink } from './instance';

export type FunctionPool = InstancePool<Instance, InstanceLaunch>;

export function createFunctionPool(options: {
  maxConcurrency: number;
  keepAliveMs: number;
  logSink: LogSink;
  onStopped: (instance: Instance, reason: string) => void;
}): FunctionPool {
  return new InstancePool<Instance, InstanceLaunch>({
    maxConcurrency: options.maxConcurrency,
    keepAliveMs: options.keepAliveMs,
    create: (launch) => new Instance(launch, options.logSink),
    configKeyOf: (launch) => launch.configKey,
    specOf: (instance) => instance.launch,
    goneOnItsOwn: 'it exited on its own',
    onStopped: options.onStopped,
  });
}

/** Code folders live instances run from (kept on disk until they stop). */
export function codeDirsOf(pool: FunctionPool): string[] {
  return [...new Set(pool.all().map((i) => i.launch.cwd))];
}
