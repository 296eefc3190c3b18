// Lambda ends every call's log with a REPORT line, e.g.
//   REPORT RequestId: 8f5...\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\tInit Duration: 171.42 ms
// An Init Duration appears only on the first call of a new execution environment (a cold start).
// Timed-out and crashed calls add `Status: timeout` or `Status: error\tError Type: Runtime.OutOfMemory`.

export interface ReportLine {
  requestId?: string;
  durationMs?: number;
  billedDurationMs?: number;
  memorySizeMB?: number;
  maxMemoryUsedMB?: number;
  initDurationMs?: number;
  restoreDurationMs?: number;
  /** `timeout` or `error` when the call did not finish normally. */
  status?: string;
  errorType?: string;
}

const NUMBER_FIELDS: Record<string, keyof ReportLine> = {
  Duration: 'durationMs',
  'Billed Duration': 'billedDurationMs',
  'Memory Size': 'memorySizeMB',
  'Max Memory Used': 'maxMemoryUsedMB',
  'Init Duration': 'initDurationMs',
  'Restore Duration': 'restoreDurationMs',
};

const TEXT_FIELDS: Record<string, keyof ReportLine> = { RequestId: 'requestId', Status: 'status', 'Error Type': 'errorType' };

/** The last REPORT line in a log tail, parsed; undefined when there is none. */
export function parseReportLine(log: string | undefined): ReportLine | undefined {
  if (!log) return undefined;
  const lines = log.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.startsWith('REPORT ')) return parseFields(line.slice('REPORT '.length));
  }
  return undefined;
}

function parseFields(text: string): ReportLine {
  const report: ReportLine = {};
  for (const field of text.split('\t')) {
    const colon = field.indexOf(':');
    if (colon < 0) continue;
    const key = field.slice(0, colon).trim();
    const value = field.slice(colon + 1).trim();
    const numberKey = NUMBER_FIELDS[key];
    if (numberKey) {
      const n = Number.parseFloat(value);
      if (Number.isFinite(n)) (report as Record<string, number>)[numberKey] = n;
      continue;
    }
    const textKey = TEXT_FIELDS[key];
    if (textKey && value) (report as Record<string, string>)[textKey] = value;
  }
  return report;
}
