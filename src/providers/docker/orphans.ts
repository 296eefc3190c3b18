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
  await removeContainers(docker, orphans.map((c) => c.Id));
}

/** How long a removal waits for the engine to finish removing containers. */
const REMOVE_WAIT_MS = 30_000;

/**
 * Force-removes containers and resolves once the engine lists none of them: a removal already under
 * way elsewhere (an instance stopping, another FaaS Lab process sweeping orphans) answers 409 at once.
 */
export async function removeContainers(docker: Docker, ids: readonly string[], what = 'containers'): Promise<void> {
  let left = [...ids];
  for (const until = Date.now() + REMOVE_WAIT_MS; left.length > 0; ) {
    await Promise.all(left.map((id) => docker.getContainer(id).remove({ force: true }).catch(ignoreGone)));
    const listed = new Set((await docker.listContainers({ all: true, filters: { id: left } })).map((c) => c.Id));
    left = left.filter((id) => listed.has(id));
    if (left.length === 0) return;
    if (Date.now() > until) {
      throw new Error(`Docker did not remove the ${what} within ${REMOVE_WAIT_MS / 1000} s (${left.map((id) => id.slice(0, 12)).join(', ')}): remove them with docker rm -f`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Gone (404) or being removed already (409): the listing after says which. */
function ignoreGone(err: unknown): void {
  const status = (err as { statusCode?: number }).statusCode;
  if (status !== 404 && status !== 409) throw err;
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
