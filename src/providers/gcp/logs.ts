// Recent log lines of a function from Cloud Logging (a 2nd gen function runs as a Cloud Run
// service of the same name, so its lines are that service's).
import type { LogEntry } from '../../core/model';
import type { GcpContext } from './context';

interface LoggingEntry {
  timestamp?: string;
  severity?: string;
  textPayload?: string;
  jsonPayload?: { message?: unknown };
  httpRequest?: { status?: number; latency?: string; requestMethod?: string };
}

export async function recentLogs(ctx: GcpContext, name: string, limit: number, signal?: AbortSignal): Promise<LogEntry[]> {
  const project = await ctx.project();
  const filter = `resource.type="cloud_run_revision" AND resource.labels.service_name="${name}"${ctx.region ? ` AND resource.labels.location="${ctx.region}"` : ''}`;
  const response = await ctx.clients.auth.request<{ entries?: LoggingEntry[] }>({
    url: `${ctx.loggingEndpoint}/v2/entries:list`,
    method: 'POST',
    data: { resourceNames: [`projects/${project}`], filter, orderBy: 'timestamp desc', pageSize: limit },
    signal,
  });
  return (response.data.entries ?? []).reverse().map((e) => ({ time: e.timestamp ?? '', message: messageOf(e) }));
}

function messageOf(e: LoggingEntry): string {
  if (e.textPayload !== undefined) return e.textPayload;
  if (e.jsonPayload?.message !== undefined) return String(e.jsonPayload.message);
  if (e.httpRequest) return `${e.httpRequest.requestMethod ?? ''} ${e.httpRequest.status ?? ''} ${e.httpRequest.latency ?? ''}`.trim();
  return JSON.stringify(e.jsonPayload ?? {});
}
