import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faasRunnerReport, type FaasRunnerReportKeys } from '../../../../src/core/results/faas-runner/report';
import type { FaasRunnerRun } from '../../../../src/core/results/faas-runner/runs';

function keys(overrides: Partial<FaasRunnerReportKeys>): FaasRunnerReportKeys {
  return {
    outputGroups: [],
    outputRawOfGroup: [],
    showAsList: [],
    showAsSum: [],
    ignoreFromAll: [],
    ignoreFromGroups: [],
    ignoreByGroup: {},
    invalidators: {},
    removeDuplicateContainers: false,
    overlapFilter: '',
    ...overrides,
  };
}

const header = { runs: 3, threads: 3, payloadList: [{ n: 1 }, { n: 2 }], writtenAt: '2026-12-02 15:54:25.345631' };

test('the whole layout: missing keys filled, runtimeOverlap, duplicate containers left out of groups, sums, averages, lists, raw runs of a group', () => {
  const runs: FaasRunnerRun[] = [
    { uuid: 'a', newcontainer: '1', runtime: '10', startTime: '0', endTime: '10', version: '0.5', cpuType: 'X' },
    { uuid: 'a', newcontainer: '0', runtime: '20', startTime: '5', endTime: '25', version: '0.5', cpuType: 'X' },
    { uuid: 'b', newcontainer: '1', runtime: '31', startTime: '0', endTime: '4', version: '0.5', cpuType: 'Y', extra: 'e' },
  ];
  const text = faasRunnerReport(
    runs,
    keys({
      outputGroups: ['cpuType', 'uuid'],
      outputRawOfGroup: ['uuid'],
      showAsList: ['uuid'],
      showAsSum: ['newcontainer'],
      ignoreFromAll: ['version'],
      ignoreFromGroups: ['startTime', 'endTime'],
      ignoreByGroup: { uuid: ['uuid'] },
      removeDuplicateContainers: true,
    }),
    header,
  );
  assert.equal(
    text,
    `2026-12-02 15:54:25.345631 - Python Partest Version 0.5
Setting up test: runsperthread=1 threads=3 totalruns=3 payload=[{'n': 1} {'n': 2}]

Raw results of each run:
cpuType,endTime,extra,newcontainer,runtime,runtimeOverlap,startTime,uuid
X,10,-999999999999,1,10,0.9,0,a
X,25,-999999999999,0,20,0.25,5,a
Y,4,e,1,31,1.0,0,b
Successful Runs: 3

1 runs removed from categories....

Category cpuType:
cpuType,uses,avg_extra,sum_newcontainer,avg_runtime,avg_runtimeOverlap,uuid_list
X,1,-999999999999.00,1,10.00,0.90,['a']
Y,1,0.0,1,31.00,1.00,['b']
Total number of unique cpuTypes: 2

Category uuid:
uuid,uses,avg_extra,sum_newcontainer,avg_runtime,avg_runtimeOverlap
a,1,-999999999999.00,1,10.00,0.90
b,1,0.0,1,31.00,1.00
Total number of unique uuids: 2

--- Runs of Group uuid ---

Category uuid with a:
cpuType,extra,newcontainer,runtime,runtimeOverlap
X,-999999999999,1,10,0.9

Category uuid with b:
cpuType,extra,newcontainer,runtime,runtimeOverlap
Y,e,1,31,1.0
`,
  );
  // As FaaS Runner, the report removes invalid runs from the list it was given.
  assert.equal(runs.length, 2);
});

test('invalidators drop matching runs from the groups only; overlapFilter counts only runs with the same value; averages keep Decimal places', () => {
  const runs: FaasRunnerRun[] = [
    { newcontainer: '1', runtime: '1.5', startTime: '0', endTime: '10', functionName: 'f' },
    { newcontainer: '0', runtime: '2.25', startTime: '0', endTime: '10', functionName: 'f' },
    { newcontainer: '0', runtime: '3', startTime: '0', endTime: '10', functionName: 'g' },
  ];
  const text = faasRunnerReport(runs, keys({ outputGroups: ['functionName'], invalidators: { newcontainer: 1 }, overlapFilter: 'functionName' }), header);
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(4, 8), ['endTime,functionName,newcontainer,runtime,runtimeOverlap,startTime', '10,f,1,1.5,1.0,0', '10,f,0,2.25,1.0,0', '10,g,0,3,0,0']);
  assert.ok(text.includes('\n1 runs removed from categories....\n'));
  assert.ok(text.includes('Category functionName:\nfunctionName,uses,avg_endTime,avg_newcontainer,avg_runtime,avg_runtimeOverlap,avg_startTime\nf,1,10.00,0.00,2.25,1.00,0.00\ng,1,10.00,0.00,3.00,0.00,0.00\n'));
});
