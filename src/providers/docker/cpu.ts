// The CPU a container gets for its memory size. Lambda gives one full vCPU at 1,769 MB and a
// proportional share below and above it; here the share is capped at the engine's cores.

export const MB_PER_VCPU = 1769;
/** Docker refuses quotas below 0.01 CPU. */
const MIN_CPUS = 0.01;

/** HostConfig.NanoCpus for a memory size on an engine with `engineCpus` cores. */
export function cpuShareNanos(memoryMB: number, engineCpus: number): number {
  const cpus = Math.min(Math.max(memoryMB / MB_PER_VCPU, MIN_CPUS), Math.max(1, engineCpus));
  return Math.round(cpus * 1e9);
}
