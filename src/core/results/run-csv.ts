// The CSV options a recorded run is exported with, the same from the CLI and from VS Code:
// FaaSET's column names unless asked otherwise, the run's payloads, and its returned fields.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mergeParent } from '../experiment/plan';
import { csvHeader, csvRowFormatter, responseFields, ResponseFieldSet, type CpuColumnNames, type CsvOptions } from './csv';
import type { InvocationRecord } from './record';
import type { RunInfo } from './run-info';
import { streamRecords } from './store';

export function runCsvOptions(info: RunInfo, records: readonly InvocationRecord[], cpuNames: CpuColumnNames = 'saafPython'): CsvOptions {
  return csvOptionsWith(info, responseFields(records), cpuNames);
}

function csvOptionsWith(info: RunInfo, fields: string[], cpuNames: CpuColumnNames): CsvOptions {
  return {
    cpuNames,
    payloads: info.spec.payloads.map((p) => mergeParent(info.spec.parentPayload, p)),
    responseFields: fields,
  };
}

/**
 * A run folder as CSV lines (each ending in CRLF) handed to `write` as they are made, holding no
 * record: a first pass over the records file finds the returned fields (the header's columns),
 * the second writes a row per record as it is parsed. `write` may return a promise (a stream's
 * drain) to slow the reading down. The lines the store skipped go to `onProblem` before the
 * first line is written. Returns the rows written.
 */
export async function writeRunCsv(
  runDir: string,
  info: RunInfo,
  cpuNames: CpuColumnNames,
  write: (line: string) => void | Promise<void>,
  onProblem: (problem: string) => void = () => undefined,
): Promise<number> {
  const problems: string[] = [];
  const fields = new ResponseFieldSet();
  for await (const r of streamRecords(runDir, problems)) fields.add(r);
  for (const p of problems) onProblem(p);
  const options = csvOptionsWith(info, fields.sorted(), cpuNames);
  const row = csvRowFormatter(options);
  await write(`${csvHeader(options)}\r\n`);
  let rows = 0;
  // The second pass meets the same skipped lines: they were said once already.
  for await (const r of streamRecords(runDir, [])) {
    const wrote = write(`${row(r)}\r\n`);
    if (wrote) await wrote;
    rows++;
  }
  return rows;
}

/** writeRunCsv into a file, waiting for the disk when the stream's buffer is full. Returns the rows written. */
export async function writeRunCsvFile(runDir: string, info: RunInfo, cpuNames: CpuColumnNames, file: string, onProblem?: (problem: string) => void): Promise<number> {
  const stream = createWriteStream(file);
  // The first pass over the records comes before any write: keep an open error until a write can throw it.
  let streamError: Error | undefined;
  stream.on('error', (error) => (streamError = error));
  try {
    // Each line already ends in CRLF (RFC 4180); adding another line end would leave a blank row after every record.
    const rows = await writeRunCsv(
      runDir,
      info,
      cpuNames,
      (line) => {
        if (streamError) throw streamError;
        return stream.write(line) ? undefined : once(stream, 'drain').then(() => undefined);
      },
      onProblem,
    );
    if (streamError) throw streamError;
    stream.end();
    await once(stream, 'finish');
    return rows;
  } finally {
    stream.destroy();
  }
}
