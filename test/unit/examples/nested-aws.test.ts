// The nested-call example on AWS Lambda as moto runs it (each call in a container on the Docker
// engine, see TESTBED.md), from the command line: function1's shim calls function2 through Lambda's
// Invoke API (moto's endpoint, which moto gives its functions as AWS_ENDPOINT_URL), function2 calls
// function3 the same way, and each top-level call's record holds the whole 1 -> 2 -> 3 tree.
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readRun } from '../../../src/core/results/store';
import { cliAt } from '../cli/run-cli';
import { isolateAwsEnv } from '../providers/aws/env';
import { startMoto } from '../providers/aws/moto';
import { listVolumes, motoDocker, removeVolume } from '../providers/aws/moto-docker';
import { assertNestedTrees } from './nested-tree';

const CREDS = { accessKeyId: 'AKIDMOTONESTED', secretAccessKey: 'moto-secret' };

test('the nested example on moto records function1 -> function2 -> function3 for every call', async (t) => {
  isolateAwsEnv(CREDS);
  const docker = await motoDocker();
  if ('skip' in docker) return t.skip(docker.skip);
  const volumesBefore = new Set(await listVolumes(docker.socket));
  const moto = await startMoto(docker.env);
  const root = mkdtempSync(path.join(tmpdir(), 'faaslab-nested-aws-'));
  t.after(async () => {
    await moto.stop();
    for (const v of await listVolumes(docker.socket)) if (!volumesBefore.has(v)) await removeVolume(docker.socket, v);
    rmSync(root, { recursive: true, force: true });
  });
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.directEndpoint, credentials: CREDS });
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'nested-example', AssumeRolePolicyDocument: '{}' }));
  iam.destroy();
  cpSync(path.resolve(__dirname, '../../../examples'), path.join(root, 'examples'), { recursive: true });
  mkdirSync(path.join(root, '.vscode'));
  writeFileSync(path.join(root, '.vscode/settings.json'), JSON.stringify({ 'faasLab.aws.region': 'us-east-1', 'faasLab.aws.endpoint': moto.endpoint, 'faasLab.aws.roleArn': role.Role!.Arn }));
  // The example as it is, on aws and with fewer calls (moto starts a container for every one).
  const experiment = JSON.parse(readFileSync(path.join(root, 'examples/nested.experiment.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(root, 'examples/nested-aws.experiment.json'), JSON.stringify({ ...experiment, experimentName: 'nested-aws', platform: 'aws', runs: 3 }));
  const cli = cliAt(root);

  for (const f of ['function3.js', 'function2.js']) {
    const r = await cli('deploy', path.join(root, 'examples', f), '--platform', 'aws', '--json');
    assert.equal(r.code, 0, r.err);
  }
  const run = await cli('run', path.join(root, 'examples/nested-aws.experiment.json'), '--json');
  assert.equal(run.code, 0, run.err + run.out);
  const { records } = await readRun(JSON.parse(run.out).runDir);
  assert.ok(records.every((r) => r.platform === 'aws'));
  assertNestedTrees(records, 3);
  // The CLI called function1 (by its ARN) through the recording proxy; the nested calls went from inside
  // the containers to the endpoint moto gave them, not through the proxy.
  const invoked = moto.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/invocations')).map((r) => r.path.split('/')[3]);
  assert.deepEqual(invoked, Array(3).fill('arn:aws:lambda:us-east-1:123456789012:function:function1'));
});
