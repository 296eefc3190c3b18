// The CLI takes FaaS Lab's settings from the workspace's .vscode/settings.json, as VS Code does:
// here the AWS region, endpoint and role of a workspace reach the Lambda API the CLI talks to.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LambdaApi, TEST_CREDENTIALS } from '../../fixtures/aws/lambda-api/server';
import { isolateAwsEnv } from '../providers/aws/env';
import { cliAt } from './run-cli';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-cli-settings-'));
const settingsFile = path.join(root, '.vscode', 'settings.json');
const api = new LambdaApi();
let endpoint: string;

before(async () => {
  isolateAwsEnv(TEST_CREDENTIALS);
  endpoint = await api.start();
  mkdirSync(path.dirname(settingsFile));
});

after(async () => {
  await api.close();
  rmSync(root, { recursive: true, force: true });
});

const cli = cliAt(root);

test("the workspace's AWS region, endpoint and role (JSON with comments, as VS Code writes it) are the CLI's", async () => {
  writeFileSync(
    settingsFile,
    [
      '{',
      '  // the loopback Lambda API stands in for AWS',
      `  "faasLab.aws.endpoint": "${endpoint}",`,
      '  "faasLab.aws.region": "eu-west-3",',
      '  "faasLab.aws.roleArn": "arn:aws:iam::123456789012:role/from-settings",',
      '  "editor.tabSize": 2,',
      '}',
      '',
    ].join('\n'),
  );
  api.requests.length = 0;
  const r = await cli('list', '--platform', 'aws', '--json');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), { aws: { ready: true, functions: [] } });
  const list = api.requests.find((q) => q.operation === 'ListFunctions');
  assert.ok(list, 'the CLI reached the endpoint from the settings');
  assert.equal(list.sig.ok, true, list.sig.problem);
  assert.equal(list.sig.region, 'eu-west-3', 'signed for the region from the settings');
});

test('settings.json that is not JSON, or a setting of the wrong type: exit 2 naming the file, the place and the fix', async () => {
  writeFileSync(settingsFile, '{\n  "faasLab.aws.region": "eu-west-3"\n  "faasLab.aws.profile": "x"\n}\n');
  const broken = await cli('list', '--platform', 'local');
  assert.equal(broken.code, 2);
  assert.equal(broken.err.trim(), `${settingsFile}:3:3: CommaExpected: fix the JSON (FaaS Lab reads its faasLab.* settings there)`);

  writeFileSync(settingsFile, '{ "faasLab.local.maxConcurrency": "lots" }');
  const wrongType = await cli('list', '--platform', 'local');
  assert.equal(wrongType.code, 2);
  assert.equal(wrongType.err.trim(), `faasLab.local.maxConcurrency in ${settingsFile} is "lots", but must be a number (e.g. 100)`);
});

test('no settings file: every default, as before', async () => {
  rmSync(settingsFile, { force: true });
  const r = await cli('list', '--platform', 'local', '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).local.ready, true);
});
