// The report keys of a FaaS Runner experiment file, with FaaS Runner's defaults for those left
// out, for `faas-lab export --format faas-runner`. The run itself does not use them, so they are
// read from the experiment file when the report is written (as compile_results.py does), with
// those given on the run's command line (kept in its spec) over the file's.
import { parse, type ParseError } from 'jsonc-parser';
import type { FaasRunnerReportKeys } from '../results/faas-runner/report';

export interface FaasRunnerReportSettings {
  keys: FaasRunnerReportKeys;
  combineSheets: boolean;
}

const LIST_KEYS = ['outputGroups', 'outputRawOfGroup', 'showAsList', 'showAsSum', 'ignoreFromAll', 'ignoreFromGroups'] as const;

/**
 * The settings, or a message per key that cannot be used (what it is, and what to write).
 * `overrides` (FaaS Runner's command-line `--showAsList ...`, kept with the run) replace the file's keys.
 */
export function readReportKeys(file: string, text: string, overrides: Readonly<Record<string, unknown>> = {}): { settings?: FaasRunnerReportSettings; problems: string[] } {
  const errors: ParseError[] = [];
  const doc = parse(text, errors, { disallowComments: true }) as unknown;
  if (errors.length > 0 || doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { problems: [`${file}: not a JSON object; the FaaS Runner report reads its outputGroups, showAsList, ... keys from the experiment file`] };
  }
  const exp = { ...(doc as Record<string, unknown>), ...overrides };
  const problems: string[] = [];
  const list = (key: string): string[] => {
    const value = exp[key];
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value];
    problems.push(`${file}: ${key} must be a list of field names, e.g. ["cpuType", "uuid"]`);
    return [];
  };
  const keys: FaasRunnerReportKeys = {
    outputGroups: list(LIST_KEYS[0]),
    outputRawOfGroup: list(LIST_KEYS[1]),
    showAsList: list(LIST_KEYS[2]),
    showAsSum: list(LIST_KEYS[3]),
    ignoreFromAll: list(LIST_KEYS[4]),
    ignoreFromGroups: list(LIST_KEYS[5]),
    ignoreByGroup: {},
    invalidators: {},
    removeDuplicateContainers: false,
    overlapFilter: '',
  };
  const byGroup = exp.ignoreByGroup;
  // FaaS Runner's default for ignoreByGroup is [] (an empty list), which means "none".
  if (byGroup !== undefined && !(Array.isArray(byGroup) && byGroup.length === 0)) {
    if (byGroup !== null && typeof byGroup === 'object' && !Array.isArray(byGroup) && Object.values(byGroup).every((v) => Array.isArray(v) && v.every((f) => typeof f === 'string'))) {
      keys.ignoreByGroup = byGroup as Record<string, string[]>;
    } else problems.push(`${file}: ignoreByGroup must map a group to the fields it leaves out, e.g. {"cpuType": ["cpuType"]}`);
  }
  const invalidators = exp.invalidators;
  if (invalidators !== undefined) {
    if (invalidators !== null && typeof invalidators === 'object' && !Array.isArray(invalidators)) keys.invalidators = invalidators as Record<string, unknown>;
    else problems.push(`${file}: invalidators must map a field to the value that removes a run from the groups, e.g. {"newcontainer": 1}`);
  }
  const bool = (key: string): boolean => {
    const value = exp[key];
    if (value === undefined) return false;
    if (typeof value === 'boolean') return value;
    problems.push(`${file}: ${key} must be true or false`);
    return false;
  };
  keys.removeDuplicateContainers = bool('removeDuplicateContainers');
  const combineSheets = bool('combineSheets');
  if (exp.overlapFilter !== undefined && exp.overlapFilter !== null) {
    if (typeof exp.overlapFilter === 'string') keys.overlapFilter = exp.overlapFilter;
    else problems.push(`${file}: overlapFilter must be a field name, e.g. "functionName", or ""`);
  }
  return problems.length > 0 ? { problems } : { settings: { keys, combineSheets }, problems };
}
