import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFaasRunner } from '../../../../src/core/experiment/faas-runner';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { REPORT_KEY_NOTE } from '../../../../src/core/experiment/keys';

// Laid out as FaaS Runner's experiment files are (SAAF test/experiments): tabs, report keys and all.
const experiment = `{
    "callWithCLI": true,
    "callAsync": false,
    "memorySettings": [256, 512],
    "parentPayload": {
      "name": "Ana"
    },
    "payloads": [
        { "name": "Ben" },
        { "size": 2 },
        { "name": "Cy" }
    ],

    "runs": 20,
    "threads": 5,
    "iterations": 3,
    "sleepTime": 2,
    "randomSeed": 7,
    "shufflePayloads": true,

    "outputGroups": ["uuid", "cpuType", "vmuptime", "newcontainer"],
    "outputRawOfGroup": ["cpuType"],
    "showAsList": ["vmuptime", "cpuType"],
    "showAsSum": ["newcontainer"],

    "ignoreFromAll": ["zAll", "lang", "version"],
    "ignoreFromGroups": ["1_run_id", "2_thread_id"],
    "ignoreByGroup": {
\t\t"cpuType": ["cpuType"]
    },

    "invalidators": {},
    "removeDuplicateContainers": false,
    "overlapFilter": "functionName",

    "openCSV": true,
    "combineSheets": true,
    "warmupBuffer": 1
}
`;

const functionFile = `{
\t"function": "helloWorld",
    "platform": "AWS Lambda",
    "source": "../nodejs_template",
    "endpoint": ""
}
`;

test('a FaaS Runner experiment and function file import as they are, run keys keeping their meaning', () => {
  const r = importFaasRunner(experiment, functionFile, { experimentFile: '/saaf/test/experiments/memorySweep.json', functionFile: '/saaf/test/functions/hello.json' });
  assert.ok(r.spec, JSON.stringify(r.problems, null, 1));
  const s = r.spec;
  assert.equal(s.function, 'helloWorld');
  assert.deepEqual(s.platforms, ['aws']);
  assert.equal(s.experimentName, 'memorySweep');
  assert.deepEqual(s.memorySettings, [256, 512]);
  assert.equal(s.runs, 20);
  assert.equal(s.threads, 5);
  assert.equal(s.iterations, 3);
  assert.equal(s.sleepTime, 2);
  assert.equal(s.randomSeed, 7);
  assert.equal(s.shufflePayloads, true);
  assert.equal(s.warmupBuffer, 1);
  assert.deepEqual(s.parentPayload, { name: 'Ana' });
  assert.equal(s.mode, 'closed');
  assert.equal(r.problems.filter((p) => p.severity === 'error').length, 0);

  const warnings = r.problems.filter((p) => p.severity === 'warning');
  const reportKeys = ['outputGroups', 'outputRawOfGroup', 'showAsList', 'showAsSum', 'ignoreFromAll', 'ignoreFromGroups', 'ignoreByGroup', 'invalidators', 'removeDuplicateContainers', 'overlapFilter', 'openCSV', 'combineSheets'];
  for (const key of reportKeys) {
    const w = warnings.find((p) => p.message.startsWith(`${key}:`));
    assert.ok(w, `${key} is noted`);
    assert.ok(w.message.includes(REPORT_KEY_NOTE));
    assert.equal(w.file, '/saaf/test/experiments/memorySweep.json');
    // The warning sits on the key itself.
    const line = experiment.split('\n')[w.range.startLine];
    assert.equal(line.slice(w.range.startCol, w.range.endCol), `"${key}"`);
  }
  assert.ok(warnings.some((p) => p.message.startsWith('callWithCLI:')));
  assert.ok(warnings.some((p) => p.message.startsWith('callAsync:')));
  const source = warnings.find((p) => p.file === '/saaf/test/functions/hello.json');
  assert.match(source?.message ?? '', /^source: a SAAF project folder/);

  assert.deepEqual(r.document?.platform, 'aws');
  assert.equal(r.document?.function, 'helloWorld');
  // The document is itself a valid FaaS Lab experiment meaning the same.
  const again = parseExperiment('/w/memorySweep.experiment.json', JSON.stringify(r.document));
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.spec, s);
});

test('without a function file the experiment still needs a function', () => {
  const r = importFaasRunner(experiment);
  assert.equal(r.spec, undefined);
  assert.ok(r.problems.some((p) => p.severity === 'error' && p.message.startsWith('function: missing')));
});

test('FaaS Runner platforms map to FaaS Lab ids; HTTP calls its endpoint; IBM is refused', () => {
  const fn = (platform: string, endpoint = '') => importFaasRunner('{"runs": 2, "threads": 2}', JSON.stringify({ function: 'f', platform, source: '.', endpoint }));
  assert.deepEqual(fn('Google').spec?.platforms, ['gcp']);
  assert.deepEqual(fn('Azure').spec?.platforms, ['azure']);
  assert.deepEqual(fn('AWS Lambda').spec?.platforms, ['aws']);
  // FaaS Runner's HTTP platform POSTs to the endpoint: FaaS Lab's "http" target does the same.
  const http = fn('HTTP', 'http://127.0.0.1:31112/function/hello');
  assert.deepEqual(http.spec?.platforms, ['http']);
  assert.equal(http.spec?.endpoint, 'http://127.0.0.1:31112/function/hello');
  assert.deepEqual(http.problems, []);
  const noUrl = fn('HTTP');
  assert.equal(noUrl.spec, undefined);
  assert.match(noUrl.problems[0].message, /^endpoint: FaaS Runner's "HTTP" platform calls this URL/);
  assert.match(fn('HTTP', 'ftp://x').problems[0].message, /is not an http:\/\/ or https:\/\/ URL/);
  // FaaS Runner POSTs to the endpoint for Azure, and for any platform when callWithCLI is false.
  const azureUrl = fn('Azure', 'https://my-app.azurewebsites.net/api/hello');
  assert.deepEqual(azureUrl.spec?.platforms, ['http']);
  assert.equal(azureUrl.spec?.endpoint, 'https://my-app.azurewebsites.net/api/hello');
  assert.match(azureUrl.problems[0].message, /FaaS Runner calls this URL for Azure functions/);
  const noCli = importFaasRunner('{"callWithCLI": false, "runs": 2, "threads": 2}', JSON.stringify({ function: 'f', platform: 'AWS Lambda', source: '.', endpoint: 'https://abc.lambda-url.us-east-1.on.aws/' }));
  assert.deepEqual(noCli.spec?.platforms, ['http']);
  assert.ok(noCli.problems.some((p) => /"callWithCLI": false/.test(p.message)));
  assert.deepEqual(fn('AWS Lambda', 'https://abc.lambda-url.us-east-1.on.aws/').spec?.platforms, ['aws']);
  const ibm = fn('IBM');
  assert.equal(ibm.spec, undefined);
  assert.match(ibm.problems[0].message, /IBM Cloud Functions has been shut down and has no FaaS Lab equivalent/);
});

test('a platform in the experiment wins over the function file', () => {
  const r = importFaasRunner('{"platform": "local"}', JSON.stringify({ function: 'f', platform: 'AWS Lambda' }));
  assert.deepEqual(r.spec?.platforms, ['local']);
});

test('memory sizes cannot be set on an HTTP endpoint: refused with what to write', () => {
  const r = importFaasRunner('{"memorySettings": [256, 512], "runs": 2, "threads": 2}', JSON.stringify({ function: 'f', platform: 'HTTP', source: '.', endpoint: 'http://127.0.0.1:31112/function/hello' }));
  assert.equal(r.spec, undefined);
  assert.match(r.problems.find((p) => p.severity === 'error')!.message, /^memorySettings: an HTTP endpoint's memory cannot be changed by FaaS Lab.*"memorySettings": \[\]/);
  assert.ok(importFaasRunner('{"memorySettings": [0], "runs": 2, "threads": 2}', JSON.stringify({ function: 'f', platform: 'HTTP', endpoint: 'http://127.0.0.1:1/' })).spec);
});

test('a FaaS Lab experiment names its endpoint itself, or calls the endpoint linked under its function name; other platforms ignore it with a note', () => {
  const ok = parseExperiment('/w/e.experiment.json', '{"function": "hello", "platform": "http", "endpoint": "http://127.0.0.1:8080/function/hello"}');
  assert.equal(ok.spec?.endpoint, 'http://127.0.0.1:8080/function/hello');
  assert.deepEqual(ok.problems, []);
  const linked = parseExperiment('/w/e.experiment.json', '{"function": "hello", "platform": "http"}');
  assert.deepEqual(linked.problems, []);
  assert.equal(linked.spec?.endpoint, undefined);
  const local = parseExperiment('/w/e.experiment.json', '{"function": "hello", "endpoint": "http://x/"}');
  assert.equal(local.spec?.endpoint, undefined);
  assert.match(local.problems[0].message, /endpoint: used only with platform "http"; ignored/);
});

test('"method", "headers" and "bodyTemplate" shape the http calls, checked where they are written', () => {
  const text = '{"function": "hello", "platform": "http", "method": "PUT", "headers": {"Authorization": "Bearer x"}, "bodyTemplate": "{\\"n\\": {{payload.n}}}"}';
  const ok = parseExperiment('/w/e.experiment.json', text);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.spec?.http, { method: 'PUT', headers: { Authorization: 'Bearer x' }, bodyTemplate: '{"n": {{payload.n}}}' });

  const bad = '{"function": "hello", "platform": "http", "method": "FETCH", "headers": {"Bad Name": "v", "X-N": 3}, "bodyTemplate": "{{body}}"}';
  const problems = parseExperiment('/w/e.experiment.json', bad).problems;
  const at = (p: { range: { startCol: number } }) => bad.slice(p.range.startCol, p.range.startCol + 6);
  assert.deepEqual(problems.map((p) => [p.severity, at(p), p.message.replace(/[:;].*/, '')]), [
    ['error', '"FETCH', 'method'],
    ['error', '"Bad N', 'headers'],
    ['error', '3}, "b', 'headers.X-N'],
    ['error', '"{{bod', 'bodyTemplate'],
  ]);
  assert.match(problems[3].message, /\{\{body\}\} is not a placeholder FaaS Lab knows: write \{\{payload\}\}/);
  const get = parseExperiment('/w/e.experiment.json', '{"function": "hello", "platform": "http", "method": "GET", "bodyTemplate": "{{payload}}"}');
  assert.match(get.problems[0].message, /^bodyTemplate: a GET request has no body/);
  const local = parseExperiment('/w/e.experiment.json', '{"function": "hello", "method": "GET"}');
  assert.equal(local.spec?.http, undefined);
  assert.match(local.problems[0].message, /^method: used only with platform "http"/);
});
