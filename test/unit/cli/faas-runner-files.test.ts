// FaaS Runner's own files, in its exact shape, run unchanged through the CLI on the local
// platform and on the http target (a real local server), with the counts, orders, fields and
// units FaaS Runner would give; the CSVs are read back with Python's csv module.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { CliIO } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import type { InvocationRecord } from '../../../src/core/results/record';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-faas-runner-'));
cpSync(path.resolve(__dirname, '../../../examples'), path.join(root, 'examples'), { recursive: true });
mkdirSync(path.join(root, 'experiments'));
mkdirSync(path.join(root, 'functions'));
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t.endsWith('\n') ? t : t + '\n'), err: (t) => (err += t + '\n'), isTTY: false };
  const code = await runCli([...argv, '--root', root], io, new AbortController().signal);
  return { code, out, err };
}

// SAAF test/experiments/exampleExperiment.json's shape: every key FaaS Runner reads, no "function".
const EXPERIMENT = `{
    "callWithCLI": true,
    "callAsync": false,
    "memorySettings": [],
    "parentPayload": {
      "greeting": "Hi"
    },
    "payloads": [
        { "name": "Bob Amazing" },
        { "name": "Joe" },
        { "name": "Steve" }
    ],

    "shufflePayloads": true,
    "runs": 50,
    "threads": 50,
    "iterations": 2,
    "sleepTime": 0,
    "randomSeed": 42,

    "outputGroups": ["uuid", "cpuType", "newcontainer", "zAll"],
    "outputRawOfGroup": ["cpuType"],
    "showAsList": ["cpuType"],
    "showAsSum": ["newcontainer"],

    "ignoreFromAll": ["zAll", "lang", "version"],
    "ignoreFromGroups": ["1_run_id", "2_thread_id", "cpuModel"],
    "ignoreByGroup": {
      "cpuType": ["cpuType"]
    },

    "invalidators": {},
    "removeDuplicateContainers": false,
    "overlapFilter": "functionName",

    "openCSV": true,
    "combineSheets": true,
    "warmupBuffer": 1
}
`;
const experimentFile = path.join(root, 'experiments/exampleExperiment.json');
writeFileSync(experimentFile, EXPERIMENT);

// SAAF test/functions/exampleFunction.json's shape; "source" names the handler file FaaS Lab deploys.
const localFunction = path.join(root, 'functions/hello.json');
writeFileSync(localFunction, `{\n\t"function": "hello",\n    "platform": "local",\n    "source": "../examples/hello.js",\n    "endpoint": ""\n}\n`);

/** What FaaS Runner's experiment_caller.py hands out: per iteration, [thread, run, payload name] in thread order. */
function faasRunnerCalls(runs: number, threads: number, iterations: number): [number, number, string][][] {
  const script = `
import json, random, sys
runs, threads, iterations = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
payloads = [{'greeting': 'Hi', 'name': n} for n in ['Bob Amazing', 'Joe', 'Steve']]
out = []
for it in range(iterations):
    random.seed(42)
    payloadList = payloads
    while len(payloadList) < runs:
        payloadList += payloads
    random.shuffle(payloadList)
    per = int(runs / threads)
    calls, index = [], 0
    for thread in range(threads):
        for run in range(per):
            calls.append([thread, run, payloadList[index]['name']])
            index += 1
    out.append(calls)
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script, String(runs), String(threads), String(iterations)], { encoding: 'utf8' }));
}

function latestRecords(): InvocationRecord[] {
  const runsDir = path.join(root, '.faaslab/runs/exampleExperiment');
  const latest = readdirSync(runsDir).sort().at(-1)!;
  return readFileSync(path.join(runsDir, latest, 'invocations.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as InvocationRecord)
    .sort((a, b) => a.seq - b.seq);
}

/** Python's csv.DictReader over a file: its header and rows, as a FaaSET notebook's pandas.read_csv sees them. */
function pythonCsv(file: string): { header: string[]; rows: Record<string, string>[]; blankLines: number } {
  const script = `
import csv, json, sys
with open(sys.argv[1], newline='') as f:
    lines = list(csv.reader(f))
header = lines[0]
rows = [dict(zip(header, l)) for l in lines[1:] if l]
print(json.dumps({'header': header, 'rows': rows, 'blankLines': sum(1 for l in lines if not l)}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

test('-e/-f with overrides: FaaS Runner counts, thread/run ids and shuffled order on local, and a CSV Python reads', async () => {
  const r = await cli('run', '-e', experimentFile, '-f', localFunction, '--runs', '12', '--threads', '4', '--json');
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as { counts: { recorded: number; ok: number } };
  assert.equal(result.counts.recorded, 12 * 2);
  assert.equal(result.counts.ok, 12 * 2);

  const records = latestRecords();
  const expected = faasRunnerCalls(12, 4, 2);
  for (const iteration of [0, 1]) {
    const mine = records.filter((x) => x.iteration === iteration);
    assert.deepEqual(
      mine.map((x) => [x.thread, x.threadCall, (x.response as { message: string }).message]),
      expected[iteration].map(([thread, run, name]) => [thread, run, `Hello, ${name}!`]),
      `iteration ${iteration}: FaaS Runner's threads, runs and payload order`,
    );
    assert.equal(mine.filter((x) => x.warmup).length, iteration < 1 ? 12 : 0, 'warmupBuffer 1: the first iteration is warm-up');
  }
  for (const x of records) {
    assert.equal(x.platform, 'local');
    assert.equal(x.function, 'hello');
    assert.equal(x.experiment, 'exampleExperiment');
    // Units: milliseconds, measured, and latency = roundTripTime - runtime.
    assert.ok(x.roundTripMs > 0 && x.roundTripMs < 60_000, `roundTripMs ${x.roundTripMs}`);
    assert.ok(typeof x.runtime === 'number' && x.runtime >= 0 && x.runtime <= x.roundTripMs);
    assert.ok(Math.abs(x.latencyMs! - (x.roundTripMs - x.runtime)) < 1e-6);
    assert.equal((x.response as { function: string }).function, 'hello');
  }

  const csvFile = path.join(root, 'hello.csv');
  const exported = await cli('export', 'latest', '--csv', '--out', csvFile);
  assert.equal(exported.code, 0, exported.err);
  const { header, rows, blankLines } = pythonCsv(csvFile);
  assert.equal(blankLines, 0, 'no blank line between rows');
  assert.equal(rows.length, 24);
  for (const column of ['1_run_id', '2_thread_id', 'cpuUserDelta', 'cpuKernelDelta', 'cpuIdleDelta', 'userRuntime', 'functionMemory', 'runtime', 'latency', 'newcontainer', 'payload', 'roundTripTime', 'uuid', 'message']) {
    assert.ok(header.includes(column), `column ${column}`);
  }
  const bySeq = new Map(records.map((x) => [String(x.seq), x]));
  for (const row of rows) {
    const x = bySeq.get(row.seq)!;
    assert.equal(row['1_run_id'], String(x.threadCall));
    assert.equal(row['2_thread_id'], String(x.thread));
    const name = (x.response as { message: string }).message.slice('Hello, '.length, -1);
    assert.equal(row.payload, JSON.stringify({ greeting: 'Hi', name }).replace(/":"/g, '": "').replace(/","/g, '", "'));
    assert.equal(row.message, `Hello, ${name}!`);
    assert.equal(Number(row.functionMemory), 128);
    assert.equal(Number(row.runtime), x.runtime);
    assert.ok(Math.abs(Number(row.latency) - x.latencyMs!) < 1e-6);
    assert.ok(['0', '1'].includes(row.newcontainer));
  }
});

test('runs not divisible by threads: the warning names both numbers', async () => {
  const r = await cli('run', experimentFile, '-f', localFunction, '--runs', '10', '--threads', '3', '--iterations', '1', '--warmupBuffer', '0', '--json');
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /10 runs do not split evenly over 3 threads\. FaaS Runner would make only 9 calls/);
});

test('"platform": "HTTP" with an endpoint: every payload is POSTed to the URL and its SAAF answer recorded', async (t) => {
  const bodies: string[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      const payload = JSON.parse(body) as { name: string };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ version: 0.5, lang: 'python', uuid: 'u-1', newcontainer: calls++ === 0 ? 1 : 0, runtime: 5, cpuUserDelta: 2, message: `Hello ${payload.name}!` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/function/hello`;
  // SAAF test/functions/local.json's shape (an OpenFaaS gateway URL there).
  const httpFunction = path.join(root, 'functions/openfaas.json');
  writeFileSync(httpFunction, JSON.stringify({ function: 'hello', platform: 'HTTP', source: '../python_template', endpoint }, null, 4));

  const r = await cli('run', '-e', experimentFile, '-f', httpFunction, '--runs', '6', '--threads', '3', '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(bodies.length, 6 * 2);
  const records = latestRecords();
  assert.equal(records.length, 12);
  const expected = faasRunnerCalls(6, 3, 2).flat();
  assert.deepEqual(
    bodies.map((b) => (JSON.parse(b) as { name: string }).name).sort(),
    expected.map(([, , name]) => name).sort(),
  );
  records.forEach((x, i) => {
    assert.equal(x.platform, 'http');
    assert.equal(x.status, 'ok');
    assert.equal(x.runtime, 5);
    assert.equal(x.cpuUserDelta, 2);
    assert.equal(x.uuid, 'u-1');
    assert.equal((x.response as { message: string }).message, `Hello ${expected[i][2]}!`);
  });
  assert.equal(records.filter((x) => x.cold).length, 1);
});

test('IBM has no FaaS Lab equivalent, and an unknown override is refused with where it went', async () => {
  const ibm = path.join(root, 'functions/ibm.json');
  writeFileSync(ibm, '{"function": "hello", "platform": "IBM", "source": ".", "endpoint": ""}');
  const r = await cli('run', '-e', experimentFile, '-f', ibm);
  assert.equal(r.code, 2);
  assert.match(r.err, /IBM Cloud Functions has been shut down and has no FaaS Lab equivalent/);
  const typo = await cli('run', '-e', experimentFile, '-f', localFunction, '--rnus', '5');
  assert.equal(typo.code, 2);
  assert.match(typo.err, /rnus: unknown key; did you mean "runs"\?/);
});

test('export --format faas-runner and run -o: FaaS Runner\'s report files, layout and group figures, read back by Python', async () => {
  const history = path.join(root, 'history');
  const r = await cli('run', '-e', experimentFile, '-f', localFunction, '--runs', '12', '--threads', '4', '-o', history, '--json');
  assert.equal(r.code, 0, r.err);
  const names = readdirSync(history).sort();
  assert.deepEqual(names, [
    'hello-exampleExperiment-0MBs-COMBINED.csv',
    'hello-exampleExperiment-0MBs-run0',
    'hello-exampleExperiment-0MBs-run0.csv',
    'hello-exampleExperiment-0MBs-run1',
    'hello-exampleExperiment-0MBs-run1.csv',
  ]);
  assert.equal(readdirSync(path.join(history, 'hello-exampleExperiment-0MBs-run0')).length, 12, 'one JSON file per run, as compile_results.py reads');
  // Exporting again does not overwrite: FaaS Runner's -1 suffix.
  const again = await cli('export', 'latest', '--format', 'faas-runner', '--out', history);
  assert.equal(again.code, 0, again.err);
  assert.ok(readdirSync(history).includes('hello-exampleExperiment-0MBs-run0-1.csv'));

  // An independent reading in Python: sections, columns and each group's figures recomputed from the raw rows.
  const script = `
import csv, io, json, sys
from decimal import Decimal
text = open(sys.argv[1]).read()
lines = text.split('\\n')
out = {'first': lines[0], 'second': lines[1], 'blank': lines[2], 'rawTitle': lines[3]}
raw = list(csv.reader(io.StringIO('\\n'.join(lines[4:lines.index(next(l for l in lines if l.startswith('Successful Runs:')))]))))
header, rows = raw[0], [dict(zip(raw[0], r)) for r in raw[1:]]
out['rawHeader'] = header
out['rawCount'] = len(rows)
out['successful'] = next(l for l in lines if l.startswith('Successful Runs:'))
i = lines.index('Category zAll:')
groupHeader = lines[i + 1].split(',')
groupRow = dict(zip(groupHeader, lines[i + 2].split(',')))
out['zAllHeader'] = groupHeader
out['zAllRow'] = groupRow
out['expectedAvgRuntime'] = str(round(sum(Decimal(r['runtime']) for r in rows) / len(rows), 2))
out['expectedAvgRoundTrip'] = str(round(sum(Decimal(r['roundTripTime']) for r in rows) / len(rows), 2))
out['expectedNew'] = str(sum(Decimal(r['newcontainer']) for r in rows))
out['latencyOk'] = all(abs(Decimal(r['latency']) - (Decimal(r['roundTripTime']) - int(float(r['runtime'])))) < Decimal('0.011') for r in rows)
out['categories'] = [l for l in lines if l.startswith('Category ') and ' with ' not in l]
out['totals'] = [l for l in lines if l.startswith('Total number of unique')]
out['rawGroup'] = [l for l in lines if l.startswith('--- Runs of Group')]
out['runIds'] = sorted({(r['2_thread_id'], r['1_run_id']) for r in rows})
out['payloads'] = [r['payload'] for r in rows]
print(json.dumps(out))`;
  const report = JSON.parse(execFileSync('python3', ['-c', script, path.join(history, 'hello-exampleExperiment-0MBs-run0.csv')], { encoding: 'utf8' }));
  assert.match(report.first, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})? - Python Partest Version 0.5$/);
  const poolText = execFileSync(
    'python3',
    ['-c', `import random\np=[{'greeting': 'Hi', 'name': n} for n in ['Bob Amazing', 'Joe', 'Steve']]\nl=p\nwhile len(l) < 12: l += p\nrandom.seed(42)\nrandom.shuffle(l)\nprint(str(l).replace(',', ''))`],
    { encoding: 'utf8' },
  ).trim();
  assert.equal(report.second, `Setting up test: runsperthread=3 threads=4 totalruns=12 payload=${poolText}`);
  assert.equal(report.blank, '');
  assert.equal(report.rawTitle, 'Raw results of each run:');
  assert.deepEqual(report.rawHeader, [...report.rawHeader].sort(), 'sorted keys');
  for (const column of ['1_run_id', '2_thread_id', 'roundTripTime', 'latency', 'payload', 'endpoint', 'runtime', 'uuid', 'message', 'cpuUserDelta', 'functionMemory']) {
    assert.ok(report.rawHeader.includes(column), column);
  }
  for (const ignored of ['zAll', 'lang', 'version']) assert.ok(!report.rawHeader.includes(ignored), `${ignored} is in ignoreFromAll`);
  assert.equal(report.rawCount, 12);
  assert.equal(report.successful, 'Successful Runs: 12');
  assert.deepEqual(report.runIds, [0, 1, 2, 3].flatMap((t) => [0, 1, 2].map((run) => [String(t), String(run)])));
  assert.ok(report.payloads.every((p: string) => /^\{"greeting": "Hi"; "name": "(Bob Amazing|Joe|Steve)"\}$/.test(p)), 'json.dumps text, commas as semicolons');
  assert.deepEqual(report.categories, ['Category cpuType:', 'Category newcontainer:', 'Category uuid:', 'Category zAll:']);
  assert.equal(report.zAllHeader[0], 'zAll');
  assert.equal(report.zAllHeader[1], 'uses');
  assert.ok(!report.zAllHeader.includes('avg_1_run_id') && !report.zAllHeader.includes('avg_cpuModel'), 'ignoreFromGroups');
  assert.ok(report.zAllHeader.includes('cpuType_list') && report.zAllHeader.includes('sum_newcontainer'));
  assert.equal(report.zAllRow.zAll, 'Final Results:');
  assert.equal(report.zAllRow.uses, '12');
  assert.equal(report.zAllRow.avg_runtime, report.expectedAvgRuntime);
  assert.equal(report.zAllRow.avg_roundTripTime, report.expectedAvgRoundTrip);
  assert.equal(report.zAllRow.sum_newcontainer, report.expectedNew);
  assert.equal(report.latencyOk, true);
  assert.deepEqual(report.totals.at(-1), 'Total number of unique zAlls: 1');
  assert.deepEqual(report.rawGroup, ['--- Runs of Group cpuType ---']);

  const combined = readFileSync(path.join(history, 'hello-exampleExperiment-0MBs-COMBINED.csv'), 'utf8');
  // combineSheets with warmupBuffer 1: only the second iteration, each run marked with its iteration.
  assert.match(combined, /\nSuccessful Runs: 12\n/);
  const combinedHeader = combined.split('\n')[4].split(',');
  const iterationColumn = combinedHeader.indexOf('iteration');
  assert.ok(iterationColumn >= 0);
  const combinedRows = combined.split('\n').slice(5, 17);
  assert.ok(combinedRows.every((l) => l.split(',')[iterationColumn] === '1'));
});

test('report keys overridden on the command line are kept with the run: a later export honours them without the flags', async () => {
  const r = await cli(
    'run', '-e', experimentFile, '-f', localFunction, '--runs', '4', '--threads', '2',
    '--outputGroups', '["uuid", "zAll"]', '--showAsList', '["cpuModel"]', '--showAsSum', '[]', '--outputRawOfGroup', '[]',
    '--ignoreFromAll', '["zAll", "lang"]', '--ignoreFromGroups', '["1_run_id", "2_thread_id"]', '--ignoreByGroup', '{"uuid": ["uuid"]}',
    '--invalidators', '{}', '--removeDuplicateContainers', 'false', '--overlapFilter', 'uuid', '--combineSheets', 'false', '--json',
  );
  assert.equal(r.code, 0, r.err);
  const { runDir } = JSON.parse(r.out) as { runDir: string };
  const spec = (JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { spec: { reportKeyOverrides?: Record<string, unknown>; runs: number } }).spec;
  assert.equal(spec.runs, 4);
  assert.deepEqual(spec.reportKeyOverrides, {
    outputGroups: ['uuid', 'zAll'], showAsList: ['cpuModel'], showAsSum: [], outputRawOfGroup: [],
    ignoreFromAll: ['zAll', 'lang'], ignoreFromGroups: ['1_run_id', '2_thread_id'], ignoreByGroup: { uuid: ['uuid'] },
    invalidators: {}, removeDuplicateContainers: false, overlapFilter: 'uuid', combineSheets: false,
  }, 'every report key given, typed as faas_runner.py types it; runs/threads are the run\'s own keys');
  // The experiment file itself is unchanged.
  assert.equal(readFileSync(experimentFile, 'utf8'), EXPERIMENT);

  const out = path.join(root, 'history-overrides');
  const exported = await cli('export', path.relative(path.join(root, '.faaslab/runs'), runDir), '--format', 'faas-runner', '--out', out);
  assert.equal(exported.code, 0, exported.err);
  // combineSheets false: no COMBINED sheet (the file says true).
  assert.deepEqual(readdirSync(out).filter((f) => f.endsWith('.csv')).sort(), ['hello-exampleExperiment-0MBs-run0.csv', 'hello-exampleExperiment-0MBs-run1.csv']);
  const lines = readFileSync(path.join(out, 'hello-exampleExperiment-0MBs-run0.csv'), 'utf8').split('\n');
  const rawHeader = lines[4].split(',');
  assert.ok(rawHeader.includes('version') && !rawHeader.includes('lang'), 'ignoreFromAll from the command line: lang left out, version kept');
  assert.deepEqual(lines.filter((l) => l.startsWith('Category ') && !l.includes(' with ')), ['Category uuid:', 'Category zAll:'], 'outputGroups from the command line');
  assert.deepEqual(lines.filter((l) => l.startsWith('--- Runs of Group')), [], 'outputRawOfGroup []');
  const zAllHeader = lines[lines.indexOf('Category zAll:') + 1].split(',');
  assert.ok(zAllHeader.includes('cpuModel_list') && !zAllHeader.includes('cpuType_list'), `showAsList ["cpuModel"]: ${zAllHeader.join(',')}`);
  assert.ok(!zAllHeader.includes('sum_newcontainer'), 'showAsSum []');
  const uuidHeader = lines[lines.indexOf('Category uuid:') + 1].split(',');
  assert.ok(!uuidHeader.includes('uuid_list') && !uuidHeader.includes('avg_uuid'), 'ignoreByGroup {"uuid": ["uuid"]}');
});
