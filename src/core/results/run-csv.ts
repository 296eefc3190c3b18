// The CSV options a recorded run is exported with, the same from the CLI and from VS Code:
// FaaSET's column names unless asked otherwise, the run's payloads, and its returned fields.
import { open, type FileHandle } from 'node:fs/promises';
import { mergeParent } from '../experiment/plan';
import { csvCellWriter, csvHeader, csvRowFormatter, responseFields, ResponseFieldSet, type CpuColumnNames, type CsvOptions } from './csv';
import type { InvocationRecord } from './record';
import type { RunInfo } from './run-info';
import { scanRecords } from './store';

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

/** The CSV options of a run folder's export: a first pass over its records finds the returned fields (the header's columns). */
async function exportOptions(runDir: string, info: RunInfo, cpuNames: CpuColumnNames, onProblem: (problem: string) => void): Promise<CsvOptions> {
  const problems: string[] = [];
  const fields = new ResponseFieldSet();
  await scanRecords(runDir, problems, (r) => fields.add(r));
  for (const p of problems) onProblem(p);
  return csvOptionsWith(info, fields.sorted(), cpuNames);
}

/**
 * A run folder as CSV lines (each ending in CRLF) handed to `write` as they are made, holding no
 * record: a first pass over the records file finds the header's columns, the second writes a row
 * per record as it is parsed. `write` may return a promise (a stream's drain): reading waits for it
 * before the next 1 MB chunk of records. The lines the store skipped go to `onProblem` before the
 * first line is written. Returns the rows written.
 */
export async function writeRunCsv(
  runDir: string,
  info: RunInfo,
  cpuNames: CpuColumnNames,
  write: (line: string) => void | Promise<void>,
  onProblem: (problem: string) => void = () => undefined,
): Promise<number> {
  const options = await exportOptions(runDir, info, cpuNames, onProblem);
  const row = csvRowFormatter(options);
  await write(`${csvHeader(options)}\r\n`);
  let rows = 0;
  let drained: void | Promise<void> = undefined;
  // The second pass meets the same skipped lines: they were said once already.
  await scanRecords(
    runDir,
    [],
    (r) => {
      const wrote = write(`${row(r)}\r\n`);
      if (wrote) drained = wrote;
      rows++;
    },
    async () => {
      const wait = drained;
      drained = undefined;
      await wait;
    },
  );
  await drained;
  return rows;
}

/**
 * writeRunCsv into a file, each cell encoded straight into a block of bytes as it is made (no row
 * string: concatenating 60-odd cells per row was most of what a 100k-row export allocated) and the
 * blocks written in order, before the next 1 MB chunk of records is read. Returns the rows written.
 */
export async function writeRunCsvFile(runDir: string, info: RunInfo, cpuNames: CpuColumnNames, file: string, onProblem: (problem: string) => void = () => undefined): Promise<number> {
  const options = await exportOptions(runDir, info, cpuNames, onProblem);
  const cells = csvCellWriter(options);
  const handle = await open(file, 'w');
  try {
    const out = new BlockWriter(handle);
    // Each line ends in CRLF (RFC 4180).
    out.text(`${csvHeader(options)}\r\n`);
    let rows = 0;
    const cell = (text: string, index: number): void => {
      if (index > 0) out.byte(COMMA);
      out.text(text);
    };
    await scanRecords(
      runDir,
      [],
      (r) => {
        cells(r, cell);
        out.byte(CR);
        out.byte(LF);
        rows++;
      },
      () => out.drain(),
    );
    await out.drain();
    return rows;
  } finally {
    await handle.close();
  }
}

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Bytes of a block: full blocks wait for the next drain(). */
const BLOCK_BYTES = 1 << 18;

/** Text encoded as UTF-8 into blocks of bytes, the full ones written by drain(), one write after the other. */
class BlockWriter {
  private block = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;
  private readonly full: Buffer[] = [];

  constructor(private readonly handle: FileHandle) {}

  byte(value: number): void {
    if (this.used === this.block.length) this.next(1);
    this.block[this.used++] = value;
  }

  text(text: string): void {
    // At most 3 bytes of UTF-8 per UTF-16 unit.
    if (this.used + text.length * 3 > this.block.length) this.next(text.length * 3);
    const block = this.block;
    let at = this.used;
    // ASCII byte by byte (most cells are a few digits): a call into the encoder per cell costs more.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.used = at + block.write(text.slice(i), at);
        return;
      }
      block[at++] = code;
    }
    this.used = at;
  }

  /** Writes every full block and what the current one holds. */
  async drain(): Promise<void> {
    if (this.used > 0) this.next(0);
    for (const bytes of this.full.splice(0)) {
      for (let at = 0; at < bytes.length; ) at += (await this.handle.write(bytes, at)).bytesWritten;
    }
  }

  /** Sets the current block aside and starts one with room for `bytes` at least. */
  private next(bytes: number): void {
    if (this.used > 0) this.full.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, bytes));
    this.used = 0;
  }
}
