// The Docker platform's pool: instances are containers, with the local platform's policy.
import type Docker from 'dockerode';
import { InstancePool } from '../shared/pool';
import { DockerInstance, type InstanceSpec, type LogSink } from './instance';

export type ContainerPool = InstancePool<DockerInstance, InstanceSpec>;

export function createContainerPool(options: {
  docker: Docker;
  maxConcurrency: number;
  keepAliveMs: number;
  logSink: LogSink;
  onStopped: (instance: DockerInstance, reason: string) => void;
}): ContainerPool {
  return new InstancePool<DockerInstance, InstanceSpec>({
    maxConcurrency: options.maxConcurrency,
    keepAliveMs: options.keepAliveMs,
    create: (spec) => new DockerInstance(options.docker, spec, options.logSink),
    configKeyOf: (spec) => spec.configKey,
    specOf: (instance) => instance.spec,
    goneOnItsOwn: 'its container exited on its own',
    onStopped: options.onStopped,
  });
}
