// Records as CSV, one row per call, with the column names FaaS Runner writes so existing pandas
// notebooks keep working, then FaaS Lab's own columns. RFC 4180: CRLF line ends, fields with a
// comma, quote, CR or LF are quoted and quotes doubled. Missing values are empty cells (pandas
// reads them as NaN; FaaS Runner's "NONE" placeholder would make the column text).
import { pythonJsonDumps } from './python-json';
import type { InvocationRecord } from './record';

/**
 * Column mapping. FaaS Runner (SAAF test/tools/report_generator.py) writes each response's keys
 * sorted, after adding 1_run_id, 2_thread_id, roundTripTime and latency (experiment_caller.py);
 * the CPU names are those of SAAF's Java and Node.js Inspectors, as in test/history/exampleOutput.csv.
 * SAAF's Python Inspector (2024+) uses our record's names instead: pass `cpuNames: 'saafPython'`.
 *
 * | CSV column (faasRunner)  | saafPython              | record field / note                                   |
 * |--------------------------|-------------------------|-------------------------------------------------------|
 * | 1_run_id                 |                         | threadCall: the call's number on its thread, 0-based  |
 * | 2_thread_id              |                         | thread                                                |
 * | contextSwitchesDelta     |                         | contextSwitchesDelta                                  |
 * | cpuCores                 |                         | cpuCores                                              |
 * | cpuIdleDelta             |                         | cpuIdleDelta                                          |
 * | cpuIowaitDelta           | cpuIOWaitDelta          | cpuIOWaitDelta                                        |
 * | cpuIrqDelta              |                         | cpuIrqDelta                                           |
 * | cpuKrnDelta              | cpuKernelDelta          | cpuKernelDelta                                        |
 * | cpuModel                 |                         | cpuModel                                              |
 * | cpuNiceDelta             |                         | cpuNiceDelta                                          |
 * | cpuSoftIrqDelta          |                         | cpuSoftIrqDelta                                       |
 * | cpuType                  |                         | cpuType (FaaS Runner appends " - Model N"; we keep it raw, cpuModel has N) |
 * | cpuUsrDelta              | cpuUserDelta            | cpuUserDelta                                          |
 * | endTime                  |                         | endTime                                               |
 * | freeMemory               |                         | freeMemory                                            |
 * | functionMemory           |                         | functionMemory                                        |
 * | functionName             |                         | functionName                                          |
 * | functionRegion           |                         | functionRegion                                        |
 * | lang                     |                         | lang                                                  |
 * | latency                  |                         | latencyMs (roundTripTime - runtime)                   |
 * | newcontainer             |                         | newcontainer                                          |
 * | payload                  |                         | the payload sent, as Python's json.dumps writes it    |
 * | pageFaultsDelta          |                         | pageFaultsDelta                                       |
 * | platform                 |                         | platform (our id: aws, gcp, ...)                      |
 * | roundTripTime            |                         | roundTripMs                                           |
 * | runtime                  |                         | runtime                                               |
 * | startTime                |                         | startTime                                             |
 * | totalMemory              |                         | totalMemory                                           |
 * | userRuntime              |                         | response.userRuntime (SAAF Python), else runtime      |
 * | uuid                     |                         | uuid                                                  |
 * | version                  |                         | version                                               |
 * | vmcpustealDelta          | cpuStealDelta           | cpuStealDelta                                         |
 * | vmuptime                 |                         | vmuptime                                              |
 *
 * Units: the record holds CPU times in ms (SAAF's Python Inspector); under FaaS Runner's names the
 * eight CPU columns are /proc/stat ticks (1/100 s), as SAAF's Java and Node.js Inspectors write them.
 *
 * Not written: FaaS Runner's constant `zAll` marker column. Then FaaS Lab's columns, in
 * EXTRA_COLUMNS order, then one column per field the function returned (`response`) that has no
 * column yet, sorted; a returned field whose name is taken is written as `response.<name>`.
 */
export type CpuColumnNames = 'faasRunner' | 'saafPython';

export interface CsvOptions {
  cpuNames?: CpuColumnNames;
  /** The run's payloads with parentPayload merged in (Plan.payloads), for the payload column. */
  payloads?: readonly unknown[];
  /** Fields the functions returned to write as columns: `responseFields(records)`. */
  responseFields?: readonly string[];
}

type Column = readonly [header: string, value: (r: InvocationRecord, options: CsvOptions) => unknown];

const SAAF_COLUMNS: readonly Column[] = [
  ['1_run_id', (r) => r.threadCall],
  ['2_thread_id', (r) => r.thread],
  ['contextSwitchesDelta', (r) => r.contextSwitchesDelta],
  ['cpuCores', (r) => r.cpuCores],
  ['cpuIdleDelta', (r) => r.cpuIdleDelta],
  ['cpuIowaitDelta', (r) => r.cpuIOWaitDelta],
  ['cpuIrqDelta', (r) => r.cpuIrqDelta],
  ['cpuKrnDelta', (r) => r.cpuKernelDelta],
  ['cpuModel', (r) => r.cpuModel],
  ['cpuNiceDelta', (r) => r.cpuNiceDelta],
  ['cpuSoftIrqDelta', (r) => r.cpuSoftIrqDelta],
  ['cpuType', (r) => r.cpuType],
  ['cpuUsrDelta', (r) => r.cpuUserDelta],
  ['endTime', (r) => r.endTime],
  ['freeMemory', (r) => r.freeMemory],
  ['functionMemory', (r) => r.functionMemory],
  ['functionName', (r) => r.functionName],
  ['functionRegion', (r) => r.functionRegion],
  ['lang', (r) => r.lang],
  ['latency', (r) => r.latencyMs],
  ['newcontainer', (r) => r.newcontainer],
  ['pageFaultsDelta', (r) => r.pageFaultsDelta],
  ['payload', (r, o) => (o.payloads && r.payloadIndex < o.payloads.length ? payloadText(o.payloads, r.payloadIndex) : undefined)],
  ['platform', (r) => r.platform],
  ['roundTripTime', (r) => r.roundTripMs],
  ['runtime', (r) => r.runtime],
  ['startTime', (r) => r.startTime],
  ['totalMemory', (r) => r.totalMemory],
  ['userRuntime', (r) => r.response?.userRuntime ?? r.runtime],
  ['uuid', (r) => r.uuid],
  ['version', (r) => r.version],
  ['vmcpustealDelta', (r) => r.cpuStealDelta],
  ['vmuptime', (r) => r.vmuptime],
];

/** A payload as Python's json.dumps writes it, once per payload list and index rather than once per row. */
const payloadTexts = new WeakMap<readonly unknown[], string[]>();
function payloadText(payloads: readonly unknown[], index: number): string {
  let texts = payloadTexts.get(payloads);
  if (!texts) payloadTexts.set(payloads, (texts = []));
  return (texts[index] ??= pythonJsonDumps(payloads[index]));
}

/** FaaS Runner (Java/Node SAAF) CPU column name -> SAAF Python Inspector name. */
const PYTHON_CPU_NAMES: Readonly<Record<string, string>> = {
  cpuIowaitDelta: 'cpuIOWaitDelta',
  cpuKrnDelta: 'cpuKernelDelta',
  cpuUsrDelta: 'cpuUserDelta',
  vmcpustealDelta: 'cpuStealDelta',
};

/** CPU columns that count ticks under FaaS Runner's names (record: ms; USER_HZ is 100 on Linux). */
const TICK_COLUMNS = new Set(['cpuIdleDelta', 'cpuIowaitDelta', 'cpuIrqDelta', 'cpuKrnDelta', 'cpuNiceDelta', 'cpuSoftIrqDelta', 'cpuUsrDelta', 'vmcpustealDelta']);
const MS_PER_TICK = 10;

function inTicks(value: Column[1]): Column[1] {
  return (r, options) => {
    const ms = value(r, options);
    return typeof ms === 'number' ? Math.round((ms / MS_PER_TICK) * 1000) / 1000 : ms;
  };
}

/** FaaS Lab's columns, named as in the record; identifiers first, then outcome, then timings. */
const EXTRA_COLUMNS: readonly Column[] = [
  ['runId', (r) => r.runId],
  ['experiment', (r) => r.experiment],
  ['function', (r) => r.function],
  ['memoryMB', (r) => r.memoryMB],
  ['seq', (r) => r.seq],
  ['payloadIndex', (r) => r.payloadIndex],
  ['warmup', (r) => r.warmup],
  ['status', (r) => r.status],
  ['errorType', (r) => r.errorType],
  ['error', (r) => r.error],
  ['retries', (r) => r.retries],
  ['cold', (r) => r.cold],
  ['clientStart', (r) => r.clientStart],
  ['clientEnd', (r) => r.clientEnd],
  ['billedDurationMs', (r) => r.billedDurationMs],
  ['initDurationMs', (r) => r.initDurationMs],
  ['maxMemoryUsedMB', (r) => r.maxMemoryUsedMB],
  ['processCpuUserMs', (r) => r.processCpuUserMs],
  ['processCpuKernelMs', (r) => r.processCpuKernelMs],
  ['responseNote', (r) => r.responseNote],
];

function columns(options: CsvOptions): Column[] {
  const saaf =
    options.cpuNames === 'saafPython'
      ? SAAF_COLUMNS.map(([h, v]) => [PYTHON_CPU_NAMES[h] ?? h, v] as const).sort((a, b) => codepointOrder(a[0], b[0]))
      : SAAF_COLUMNS.map(([h, v]) => [h, TICK_COLUMNS.has(h) ? inTicks(v) : v] as const);
  const fixed = [...saaf, ...EXTRA_COLUMNS];
  const taken = new Set(fixed.map(([h]) => h));
  const returned = (options.responseFields ?? []).map((key): Column => [taken.has(key) ? `response.${key}` : key, (r) => cellOf(r.response?.[key])]);
  return [...fixed, ...returned];
}

/** Every field name the records' functions returned, sorted as FaaS Runner sorts its keys. */
export function responseFields(records: Iterable<InvocationRecord>): string[] {
  const keys = new ResponseFieldSet();
  for (const r of records) keys.add(r);
  return keys.sorted();
}

/** responseFields one record at a time. */
export class ResponseFieldSet {
  private readonly keys = new Set<string>();
  add(r: InvocationRecord): void {
    if (r.response) for (const key of Object.keys(r.response)) this.keys.add(key);
  }
  sorted(): string[] {
    return [...this.keys].sort(codepointOrder);
  }
}

/** Python's sorted() order for strings (code units here; equal for the ASCII names in practice). */
export function codepointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects and lists as JSON text in one cell; scalars as they are. */
function cellOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

/** One field, quoted only when RFC 4180 requires it. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line's column names. */
export function csvColumns(options: CsvOptions = {}): string[] {
  return columns(options).map(([h]) => h);
}

/** The header line, without its line end. */
export function csvHeader(options: CsvOptions = {}): string {
  return csvColumns(options).map(csvField).join(',');
}

/**
 * A record's cells one at a time, each as its CSV text (quoted when RFC 4180 requires it) with its
 * column index, in column order: for a writer that encodes each cell as it comes, with no row string built.
 */
export function csvCellWriter(options: CsvOptions = {}): (record: InvocationRecord, cell: (text: string, index: number) => void) => void {
  const values = columns(options).map(([, value]) => value);
  return (r, cell) => {
    for (let i = 0; i < values.length; i++) cell(csvField(values[i](r, options)), i);
  };
}

/** A record's data line, without its line end: for records that arrive one at a time (a streamed run). */
export function csvRowFormatter(options: CsvOptions = {}): (record: InvocationRecord) => string {
  const cells = csvCellWriter(options);
  // One string built up, not an array of cells joined: a 1M-row export makes less garbage.
  let row = '';
  const add = (text: string, index: number): void => {
    row = index === 0 ? text : row + ',' + text;
  };
  return (r) => {
    cells(r, add);
    const line = row;
    row = '';
    return line;
  };
}

/** Data lines, without line ends, one per record: stream these for 100k-row runs. */
export function* csvRows(records: Iterable<InvocationRecord>, options: CsvOptions = {}): Generator<string> {
  const row = csvRowFormatter(options);
  for (const r of records) yield row(r);
}

/** Header then rows, each ending in CRLF, ready to write to a stream as they come. */
export function* csvLines(records: Iterable<InvocationRecord>, options: CsvOptions = {}): Generator<string> {
  yield `${csvHeader(options)}\r\n`;
  for (const row of csvRows(records, options)) yield `${row}\r\n`;
}

/** The whole file as one string (for small runs and tests; stream `csvLines` otherwise). */
export function toCsv(records: Iterable<InvocationRecord>, options: CsvOptions = {}): string {
  let out = '';
  for (const line of csvLines(records, options)) out += line;
  return out;
}
