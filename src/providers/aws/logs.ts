// A function's recent log lines from CloudWatch Logs (/aws/lambda/<name>), oldest first.
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogEntry } from '../../core/model';
import { isNotFound } from './errors';

/** Look this far back first, then further while there are fewer lines than asked for. */
const WINDOWS_MS = [15 * 60_000, 24 * 3_600_000, 14 * 24 * 3_600_000];
/** Pages read per window at most (each holds up to 10,000 events). */
const MAX_PAGES = 20;

export async function recentLogs(logs: CloudWatchLogsClient, functionName: string, limit: number, signal?: AbortSignal): Promise<LogEntry[]> {
  const want = Math.max(1, Math.floor(limit));
  const logGroupName = `/aws/lambda/${functionName}`;
  let lines: LogEntry[] = [];
  for (const windowMs of WINDOWS_MS) {
    lines = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      let page;
      try {
        page = await logs.send(new FilterLogEventsCommand({ logGroupName, startTime: Date.now() - windowMs, nextToken, interleaved: true }), { abortSignal: signal });
      } catch (err) {
        // No log group yet: the function has never run.
        if (isNotFound(err)) return [];
        throw err;
      }
      for (const e of page.events ?? []) {
        lines.push({ time: new Date(e.timestamp ?? 0).toISOString(), message: (e.message ?? '').replace(/\n$/, '') });
      }
      // Only the newest `want` lines are kept while paging forward through the window.
      if (lines.length > want) lines = lines.slice(-want);
      nextToken = page.nextToken;
    } while (nextToken && ++pages < MAX_PAGES);
    if (lines.length >= want) break;
  }
  return lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
