// Notices new records in a run that is still going. A poll of two stat() calls a second: run.json
// is replaced by rename (fs.watch on it goes deaf) and appends must be seen on every platform.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { RECORDS_FILE, RUN_INFO_FILE } from '../../core/results/store';

const LIVE_INTERVAL_MS = 1000;

async function signature(runDir: string): Promise<string> {
  const parts = await Promise.all(
    [RUN_INFO_FILE, RECORDS_FILE].map(async (name) => {
      try {
        const s = await stat(path.join(runDir, name));
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return 'absent';
      }
    }),
  );
  return parts.join('|');
}

/**
 * Calls `changed` (awaited, never two at once) at most once per interval while the run's files
 * change. Dispose to stop.
 */
export function watchRun(runDir: string, changed: () => Promise<void>, intervalMs = LIVE_INTERVAL_MS): { dispose(): void } {
  let last: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped) return;
    const now = await signature(runDir);
    if (last !== undefined && now !== last) await changed().catch(() => undefined);
    last = now;
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void tick();
  return {
    dispose() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
