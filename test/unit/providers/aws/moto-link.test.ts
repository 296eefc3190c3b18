// An existing Lambda function FaaS Lab did not create, made in moto with the SDK directly, linked
// by ARN through the CLI: listed with managed: false, invoked (when moto can run code on the Docker
// engine), and never deleted, reconfigured or overwritten without a confirmation.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { zipArtifact } from '../../../../src/core/packaging/zip';
import { cliAt } from '../../cli/run-cli';
import { isolateAwsEnv } from './env';
import { startMoto, type Moto } from './moto';
import { motoDocker, removeVolume, type MotoDocker } from './moto-docker';
import { createHash } from 'node:crypto';

const CREDS = { accessKeyId: 'AKIDMOTOTEST', secretAccessKey: 'moto-secret' };
const root = mkdtempSync(path.join(tmpdir(), 'faaslab-moto-link-'));
const cli = cliAt(root);
let docker: MotoDocker;
let moto: Moto;
let lambda: LambdaClient;
let arn = '';
let zipDigest = '';

before(async () => {
  isolateAwsEnv(CREDS);
  docker = await motoDocker().catch((err: Error) => ({ skip: err.message }));
  moto = await startMoto('skip' in docker ? {} : docker.env);
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.directEndpoint, credentials: CREDS });
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'theirs-role', AssumeRolePolicyDocument: '{}' }));
  iam.destroy();
  lambda = new LambdaClient({ region: 'us-east-1', endpoint: moto.directEndpoint, credentials: CREDS });
  const code = 'exports.handler = async (event) => ({ greeting: `hi ${event.name}`, owner: "someone else" });\n';
  const zip = await zipArtifact({ files: [{ path: 'index.js', data: Buffer.from(code) }] } as never);
  zipDigest = createHash('sha256').update(zip).digest('hex');
  const created = await lambda.send(
    new CreateFunctionCommand({ FunctionName: 'someone-elses', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: role.Role!.Arn, Code: { ZipFile: zip }, MemorySize: 192, Timeout: 5 }),
  );
  arn = created.FunctionArn!;
  mkdirSync(path.join(root, '.vscode'));
  writeFileSync(
    path.join(root, '.vscode', 'settings.json'),
    JSON.stringify({ 'faasLab.aws.region': 'us-east-1', 'faasLab.aws.endpoint': moto.endpoint, 'faasLab.aws.roleArn': role.Role!.Arn }),
  );
});

after(async () => {
  lambda?.destroy();
  await moto?.stop();
  if (docker && !('skip' in docker)) await removeVolume(docker.socket, zipDigest);
  rmSync(root, { recursive: true, force: true });
});

async function existing(): Promise<{ memoryMB?: number } | undefined> {
  try {
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'someone-elses' }));
    return { memoryMB: got.Configuration?.MemorySize };
  } catch {
    return undefined;
  }
}

test('an ARN that names no function is not linked', async () => {
  const r = await cli('link', 'ghost', '--platform', 'aws', '--arn', arn.replace('someone-elses', 'no-such-fn'));
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /Lambda has no function arn:aws:lambda:us-east-1:\d{12}:function:no-such-fn: check the ARN/);
  assert.deepEqual(JSON.parse(readFileSync(path.join(root, '.faaslab', 'links.json'), 'utf8')).links, []);
});

test('linked by ARN: listed once under its link name with managed: false, and invoked by its ARN', async (t) => {
  const linked = await cli('link', 'theirs', '--arn', arn);
  assert.equal(linked.code, 0, linked.err);
  assert.match(linked.out, /^Linked theirs on AWS Lambda → arn:aws:lambda:us-east-1:\d{12}:function:someone-elses/);

  const list = await cli('list', '--platform', 'aws', '--json');
  assert.equal(list.code, 0, list.err);
  const fns = JSON.parse(list.out).aws.functions as { name: string; managed: boolean; endpoint: string; memoryMB: number }[];
  assert.deepEqual(fns.map((d) => [d.name, d.managed, d.endpoint, d.memoryMB]), [['theirs', false, arn, 192]]);

  if ('skip' in docker) {
    t.diagnostic(`invoke not run: ${docker.skip}`);
    return;
  }
  const before = moto.requests.length;
  const inv = await cli('invoke', 'theirs', '--payload', '{"name": "Ada"}');
  assert.equal(inv.code, 0, inv.err);
  assert.deepEqual(JSON.parse(inv.out), { greeting: 'hi Ada', owner: 'someone else' });
  const invokes = moto.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/invocations'));
  assert.equal(invokes.length, 1);
  assert.equal(decodeURIComponent(invokes[0].path), `/2015-03-31/functions/${arn}/invocations`);
});

test('remove, deploy over it and a memory sweep are refused without confirmation; the function stays as it was', async () => {
  const removed = await cli('remove', 'theirs');
  assert.equal(removed.code, 2, removed.err);
  assert.match(removed.err, /^theirs on AWS Lambda \(arn:aws:lambda:[^)]+\) was not created by FaaS Lab\. FaaS Lab only invokes it unless you confirm: pass --yes to delete it, or 'faas-lab unlink theirs' to only forget a link/);
  assert.deepEqual(await existing(), { memoryMB: 192 });

  // A handler of the same name would replace its code: refused outright.
  await cli('link', 'hello', '--platform', 'aws', '--arn', arn);
  cpSync(path.resolve(__dirname, '../../../../examples/hello.js'), path.join(root, 'hello.js'));
  const deployed = await cli('deploy', path.join(root, 'hello.js'), '--platform', 'aws');
  assert.equal(deployed.code, 2, deployed.err);
  assert.match(deployed.err, /hello on AWS Lambda was not created by FaaS Lab, so FaaS Lab will not replace its code: give the handler another name .*faas-lab unlink hello/);
  assert.equal((await cli('unlink', 'hello')).code, 0);

  writeFileSync(path.join(root, 'sweep.experiment.json'), JSON.stringify({ function: 'theirs', platform: 'aws', memorySettings: [256], runs: 1 }));
  const swept = await cli('run', path.join(root, 'sweep.experiment.json'));
  assert.equal(swept.code, 2);
  assert.match(swept.err, /theirs on AWS Lambda .* was not created by FaaS Lab\. FaaS Lab only invokes it unless you confirm: set "memorySettings": \[\] to run it as deployed, or confirm that FaaS Lab may change it \(faas-lab run --yes; Run Anyway in VS Code\)/);
  assert.deepEqual(await existing(), { memoryMB: 192 });
});

test('run --yes confirms: the sweep sets the memory, calls it, and puts it back as it was', async (t) => {
  if ('skip' in docker) {
    t.skip(docker.skip);
    return;
  }
  const swept = await cli('run', path.join(root, 'sweep.experiment.json'), '--yes', '--json');
  assert.equal(swept.code, 0, swept.err);
  const sizes = moto.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/configuration')).map((r) => r.json?.MemorySize);
  assert.deepEqual(sizes, [256, 192]);
  assert.deepEqual(await existing(), { memoryMB: 192 });
});

test('unlink forgets the name only; remove --yes deletes the function and its link', async () => {
  assert.equal((await cli('unlink', 'theirs')).code, 0);
  assert.deepEqual(await existing(), { memoryMB: 192 }, 'unlink leaves the function alone');
  assert.equal((await cli('link', 'theirs', '--platform', 'aws', '--arn', arn)).code, 0);
  const removed = await cli('remove', 'theirs', '--yes');
  assert.equal(removed.code, 0, removed.err + removed.out);
  assert.equal(await existing(), undefined);
  assert.deepEqual(JSON.parse(readFileSync(path.join(root, '.faaslab', 'links.json'), 'utf8')).links, []);
});
