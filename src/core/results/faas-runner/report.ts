// FaaS Runner's report (SAAF test/tools/report_generator.py) laid out the same way: a two-line
// preamble, the raw runs (sorted keys, ignoreFromAll left out), "Successful Runs: n", then one
// summary table per outputGroups key (uses, avg_/sum_/_list columns) and, for outputRawOfGroup,
// the raw runs of each group. Like FaaS Runner, a report changes the runs and key lists it is
// given (missing keys filled, runtimeOverlap and tenancy added, invalid runs removed), and the
// combined report sees those changes: pass the same objects in the same order.
import { codepointOrder as pythonOrder } from '../csv';
import { addDecimal, decimalAverageText, decimalText, parseDecimal, pyRepr, pyStr, type PyDecimal } from './python-text';
import type { FaasRunnerRun } from './runs';

/** The experiment keys the report reads; the lists are FaaS Runner's, changed in place as it does. */
export interface FaasRunnerReportKeys {
  outputGroups: string[];
  outputRawOfGroup: string[];
  showAsList: string[];
  showAsSum: string[];
  ignoreFromAll: string[];
  ignoreFromGroups: string[];
  ignoreByGroup: Record<string, string[]>;
  invalidators: Record<string, unknown>;
  removeDuplicateContainers: boolean;
  overlapFilter: string;
}

export interface ReportHeader {
  runs: number;
  threads: number;
  /** exp['payloads'] when the report is written: FaaS Runner's (doubled, shuffled) payload list. */
  payloadList: readonly unknown[];
  /** When the report is written, as str(datetime.datetime.now()) prints it. */
  writtenAt: string;
}

/** FaaS Runner's fill value for a key some runs lack. */
const MISSING = '-999999999999';

export function faasRunnerReport(runs: FaasRunnerRun[], keys: FaasRunnerReportKeys, header: ReportHeader): string {
  const categories = keys.outputGroups;
  for (const run of runs) {
    if ('vmID' in run && categories.includes('vmuptime')) {
      remove(categories, 'vmuptime');
      remove(keys.showAsList, 'vmuptime');
    }
    if ('containerID' in run && categories.includes('uuid')) {
      remove(categories, 'uuid');
      remove(keys.showAsList, 'uuid');
    }
  }
  fillMissing(runs);
  if (runs.length > 0 && 'startTime' in runs[0] && 'endTime' in runs[0]) addRuntimeOverlap(runs, keys.overlapFilter);

  const perThread = Math.trunc(header.runs / header.threads);
  let out = `${header.writtenAt} - Python Partest Version 0.5\n`;
  out += `Setting up test: runsperthread=${perThread} threads=${header.threads} totalruns=${header.runs} payload=${pyRepr(header.payloadList).replace(/,/g, '')}\n`;
  const allKeys = runs.length > 0 ? Object.keys(runs[0]).sort(pythonOrder) : [];
  const shown = allKeys.filter((k) => !keys.ignoreFromAll.includes(k));
  out += '\nRaw results of each run:\n';
  out += `${shown.join(',')}\n`;
  for (const run of runs) out += `${shown.map((k) => (k in run ? String(run[k]) : 'NONE')).join(',')}\n`;
  out += `Successful Runs: ${runs.length}\n`;

  const invalid = invalidRuns(runs, keys);
  if (invalid.length > 0) {
    out += `\n${invalid.length} runs removed from categories....\n`;
    for (const run of invalid) {
      const at = runs.indexOf(run);
      if (at >= 0) runs.splice(at, 1);
    }
  }
  addTenancy(runs, categories);

  const groups = new Map<string, Map<string, FaasRunnerRun[]>>(categories.map((c) => [c, new Map()]));
  for (const run of runs) {
    for (const [key, byValue] of groups) {
      if (!(key in run)) continue;
      const value = String(run[key]);
      const list = byValue.get(value);
      if (list) list.push(run);
      else byValue.set(value, [run]);
    }
  }
  for (const key of [...groups.keys()].sort(pythonOrder)) {
    const byValue = groups.get(key)!;
    if (byValue.size === 0) continue;
    out += groupSummary(key, byValue, keys);
  }
  return out;
}

function groupSummary(key: string, byValue: Map<string, FaasRunnerRun[]>, keys: FaasRunnerReportKeys): string {
  const shows = (attribute: string): boolean =>
    !keys.ignoreFromAll.includes(attribute) && !keys.ignoreFromGroups.includes(attribute) && !(keys.ignoreByGroup[key] ?? []).includes(attribute);
  const first = byValue.values().next().value![0];
  const columns: { attribute: string; kind: 'list' | 'sum' | 'avg' }[] = [];
  for (const attribute of Object.keys(first).sort(pythonOrder)) {
    if (!shows(attribute)) continue;
    if (keys.showAsList.includes(attribute)) columns.push({ attribute, kind: 'list' });
    else if (parseDecimal(String(first[attribute])) !== undefined) columns.push({ attribute, kind: keys.showAsSum.includes(attribute) ? 'sum' : 'avg' });
  }
  const name = (c: (typeof columns)[number]): string => (c.kind === 'list' ? `${c.attribute}_list` : `${c.kind}_${c.attribute}`);
  let out = `\nCategory ${key}:\n${[key, 'uses', ...columns.map(name)].join(',')}\n`;
  const values = [...byValue.keys()].sort(pythonOrder);
  for (const value of values) {
    const runs = byValue.get(value)!;
    const cells = columns.map(({ attribute, kind }) => {
      if (kind === 'list') {
        const unique = [...new Set(runs.map((r) => r[attribute]))].sort((a, b) => pythonOrder(String(a), String(b)));
        return pyRepr(unique).replace(/,/g, ';');
      }
      let total: PyDecimal = { coefficient: 0n, scale: 0 };
      let added = false;
      for (const r of runs) {
        const d = parseDecimal(String(r[attribute]));
        if (d) total = addDecimal(total, d);
        added ||= d !== undefined;
      }
      if (kind === 'sum') return decimalText(total);
      // No value was a number: Python's int 0 / n is the float 0.0.
      return added ? decimalAverageText(total, runs.length) : '0.0';
    });
    out += `${[value, String(runs.length), ...cells].join(',')}\n`;
  }
  out += `Total number of unique ${key}s: ${values.length}\n`;
  if (!keys.outputRawOfGroup.includes(key)) return out;
  out += `\n--- Runs of Group ${key} ---\n`;
  for (const value of values) {
    const runs = byValue.get(value)!;
    const attributes = Object.keys(runs[0]).sort(pythonOrder).filter(shows);
    out += `\nCategory ${key} with ${value}:\n${attributes.join(',')}\n`;
    for (const run of runs) out += `${attributes.map((a) => String(run[a])).join(',')}\n`;
  }
  return out;
}

function fillMissing(runs: FaasRunnerRun[]): void {
  const all: string[] = [];
  for (const run of runs) for (const key of Object.keys(run)) if (!all.includes(key)) all.push(key);
  for (const run of runs) for (const key of all) if (!(key in run)) run[key] = Number(MISSING);
}

/** runtimeOverlap: the share of this run's runtime other runs (with the same overlapFilter value) overlap. */
function addRuntimeOverlap(runs: FaasRunnerRun[], filter: string): void {
  for (const run1 of runs) {
    const start1 = Math.trunc(Number(run1.startTime));
    const end1 = Math.trunc(Number(run1.endTime));
    const length1 = Math.max(end1 - start1, 1);
    let total = 0;
    // Python's total stays the int 0 until a run is counted (then it is a float): "0" vs "0.0".
    let counted = false;
    for (const run2 of runs) {
      if (run2 === run1) continue;
      if (filter !== '' && (!(filter in run1) || !(filter in run2) || run1[filter] !== run2[filter])) continue;
      const start2 = Math.max(Math.min(Math.trunc(Number(run2.startTime)), end1), start1);
      const end2 = Math.max(Math.min(Math.trunc(Number(run2.endTime)), end1), start1);
      total += (end2 - start2) / length1;
      counted = true;
    }
    run1.runtimeOverlap = pyRepr(Math.round(total * 100) / 100, counted);
  }
}

function invalidRuns(runs: FaasRunnerRun[], keys: FaasRunnerReportKeys): FaasRunnerRun[] {
  const invalid: FaasRunnerRun[] = [];
  const containers = new Set<string>();
  for (const run of runs) {
    if (keys.removeDuplicateContainers) {
      const uuid = String(run.uuid);
      if (containers.has(uuid)) invalid.push(run);
      else containers.add(uuid);
    }
    for (const [key, value] of Object.entries(keys.invalidators)) {
      if (key in run && String(run[key]) === pyStr(value)) invalid.push(run);
    }
  }
  return invalid;
}

/** zTenancy[vmID] / zTenancy[vmID[iteration]]: "<cpuType> - <uses>" of the VM, when runs carry SAAF's vmID. */
function addTenancy(runs: FaasRunnerRun[], categories: string[]): void {
  if (!categories.includes('zTenancy[vmID[iteration]]') && !categories.includes('zTenancy[vmID]')) return;
  let valid = true;
  for (const attribute of ['vmID', 'vmID[iteration]']) {
    const vms = new Map<string, { uses: number; cpuType: string }>();
    for (const run of runs) {
      if (!(attribute in run)) {
        valid = false;
        break;
      }
      const vm = vms.get(String(run[attribute]));
      if (vm) vm.uses++;
      else vms.set(String(run[attribute]), { uses: 1, cpuType: String(run.cpuType) });
    }
    if (!valid) continue;
    for (const run of runs) {
      const vm = vms.get(String(run[attribute]))!;
      run[`zTenancy[${attribute}]`] = `${vm.cpuType} - ${vm.uses}`;
      run[`tenants[${attribute}]`] = vm.uses;
      if (attribute === 'vmID[iteration]' && categories.includes('zTenancy[vmID]')) remove(categories, 'zTenancy[vmID]');
    }
  }
}

function remove(list: string[], item: string): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
