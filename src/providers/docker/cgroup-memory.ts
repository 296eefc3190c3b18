// A container's peak memory use, read from its memory cgroup on this machine. The engine's stats
// API gives the same number but takes a second per call; the cgroup file takes microseconds.
// Engines on other machines (tcp://, Docker Desktop's VM) leave the field absent.
import { readFileSync } from 'node:fs';

/** Where the peak-usage file of container `id` is under the usual cgroup layouts (v1 and v2, cgroupfs and systemd drivers). */
function candidates(id: string): string[] {
  return [
    `/sys/fs/cgroup/memory/docker/${id}/memory.max_usage_in_bytes`,
    `/sys/fs/cgroup/memory/system.slice/docker-${id}.scope/memory.max_usage_in_bytes`,
    `/sys/fs/cgroup/system.slice/docker-${id}.scope/memory.peak`,
    `/sys/fs/cgroup/docker/${id}/memory.peak`,
  ];
}

/** Peak memory of the container in MB (one decimal), or undefined where no cgroup file tells it. */
export function peakMemoryMB(containerId: string): number | undefined {
  for (const file of candidates(containerId)) {
    let text: string;
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      continue;
    }
    const bytes = Number(text.trim());
    if (Number.isFinite(bytes) && bytes > 0) return Math.round((bytes / (1024 * 1024)) * 10) / 10;
  }
  return undefined;
}
