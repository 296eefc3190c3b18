// The CSV options a recorded run is exported with, the same from the CLI and from VS Code:
// FaaSET's column names unless asked otherwise, the run's payloads, and its returned fields.
import { mergeParent } from '../experiment/plan';
import { responseFields, type CpuColumnNames, type CsvOptions } from './csv';
import type { InvocationRecord } from './record';
import type { RunInfo } from './run-info';

export function runCsvOptions(info: RunInfo, records: readonly InvocationRecord[], cpuNames: CpuColumnNames = 'saafPython'): CsvOptions {
  return {
    cpuNames,
    payloads: info.spec.payloads.map((p) => mergeParent(info.spec.parentPayload, p)),
    responseFields: responseFields(records),
  };
}
