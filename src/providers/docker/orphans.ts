// Instance containers outlive a FaaS Lab process that is killed before it removes them. Each is
// labelled with its owner (host and pid); a provider removes those whose owner on this host is gone.
import type Docker from 'dockerode';
import * as os from 'node:os';
import { LABEL, labelFilter } from './labels';

export function ownerLabel(): string {
  return `${os.hostname()}:${process.pid}`;
}

export async function removeOrphans(docker: Docker): Promise<void> {
  const host = os.hostname();
  const containers = await docker.listContainers({ all: true, filters: labelFilter({ [LABEL.role]: 'instance' }) });
  const orphans = containers.filter((c) => {
    const owner = c.Labels?.[LABEL.owner] ?? '';
    const at = owner.lastIndexOf(':');
    return owner.slice(0, at) === host && !alive(Number(owner.slice(at + 1)));
  });
  await Promise.all(orphans.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
