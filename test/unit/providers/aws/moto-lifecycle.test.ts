// The provider end to end against moto_server with the real SDK: readiness with and without
// credentials, the execution role created on request, create/get/list/update/configure/delete,
// waiters and tags. (Running the code is in moto-invoke.test.ts: it needs a Docker engine.)
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Deployment } from '../../../../src/core/model';
import { zipArtifact } from '../../../../src/core/packaging';
import { AwsLambdaProvider, ROLE_NAME, ROLE_SUMMARY, type AwsLambdaProviderOptions } from '../../../../src/providers/aws';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';
import { isolateAwsEnv, writeProfile } from './env';
import { startMoto, type Moto } from './moto';

const CREDS = { accessKeyId: 'AKIDMOTOTEST', secretAccessKey: 'moto-secret' };
const REGION = 'eu-west-1';
let moto: Moto;
let lambda: LambdaClient;
let iam: IAMClient;
let roleArn: string;
const providers: AwsLambdaProvider[] = [];

before(async () => {
  isolateAwsEnv(CREDS);
  moto = await startMoto();
  const direct = { region: REGION, endpoint: moto.directEndpoint, credentials: CREDS };
  lambda = new LambdaClient(direct);
  iam = new IAMClient(direct);
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'test-execution', AssumeRolePolicyDocument: '{}' }));
  roleArn = role.Role!.Arn!;
});

after(async () => {
  await Promise.all(providers.map((p) => p.dispose()));
  lambda?.destroy();
  iam?.destroy();
  await moto?.stop();
});

function provider(options: AwsLambdaProviderOptions = {}): AwsLambdaProvider {
  const p = new AwsLambdaProvider({ region: REGION, endpoint: moto.endpoint, roleArn, timing: { pollMs: 20 }, ...options });
  providers.push(p);
  return p;
}

async function deploy(p: AwsLambdaProvider, file: string, handler: string, name: string, overrides = {}): Promise<Deployment> {
  const spec = fixtureSpec(file, handler, { name, platforms: ['aws'], ...overrides });
  return p.deploy(spec, await awsArtifact(spec));
}

test('readiness: no credentials anywhere gives the message and fixes, and no request is sent', async () => {
  isolateAwsEnv();
  try {
    moto.requests.length = 0;
    const r = await provider().readiness();
    assert.deepEqual(r, {
      ready: false,
      message: 'AWS credentials not found: set a profile in faasLab.aws.profile or run `aws configure`',
      fixes: [
        { kind: 'setting', setting: 'faasLab.aws.profile', label: 'Choose an AWS profile' },
        { kind: 'url', url: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html', label: 'How to set up AWS credentials' },
      ],
    });
    assert.deepEqual(moto.requests, []);
  } finally {
    isolateAwsEnv(CREDS);
  }
});

test('readiness: credentials and region from a shared profile; a missing profile says which one', async () => {
  isolateAwsEnv();
  try {
    writeProfile('faaslab-test', CREDS, REGION);
    const viaProfile = await new AwsLambdaProvider({ profile: 'faaslab-test', endpoint: moto.endpoint, roleArn }).readiness();
    assert.deepEqual(viaProfile, { ready: true, detail: `AWS Lambda in ${REGION} (profile faaslab-test), x86_64, execution role ${roleArn}` });
    const missing = await provider({ profile: 'nope' }).readiness();
    assert.equal(missing.ready, false);
    assert.match((missing as { message: string }).message, /^AWS profile 'nope' has no usable credentials \(.*\): run `aws configure --profile nope` \(or `aws sso login --profile nope` for an SSO profile\), or change faasLab.aws.profile$/);
  } finally {
    isolateAwsEnv(CREDS);
  }
});

test('readiness: credentials but no region anywhere', async () => {
  const r = await new AwsLambdaProvider({ endpoint: moto.endpoint, roleArn }).readiness();
  assert.deepEqual(r, {
    ready: false,
    message: 'AWS region not set: set faasLab.aws.region (e.g. us-east-1) or run `aws configure`',
    fixes: [{ kind: 'setting', setting: 'faasLab.aws.region', label: 'Set the AWS region' }],
  });
});

test('execution role: none set and none to create is a readiness message; refusing to create one cancels the deploy', async () => {
  const noRole = provider({ roleArn: undefined });
  const r = await noRole.readiness();
  assert.equal(r.ready, false);
  assert.match((r as { message: string }).message, /^No execution role for Lambda functions: set faasLab.aws.roleArn/);
  await assert.rejects(deploy(noRole, 'hello.js', 'hello', 'no-role'), /No execution role for Lambda functions/);

  const asked: string[] = [];
  const refusing = provider({ roleArn: undefined, confirmCreateRole: async (summary) => (asked.push(summary), false) });
  const offered = await refusing.readiness();
  assert.equal(offered.ready, true);
  assert.match((offered as { detail: string }).detail, /FaaS Lab will offer to create the execution role 'faaslab-lambda-execution' on the first deploy$/);
  await assert.rejects(deploy(refusing, 'hello.js', 'hello', 'refused'), /Deploy cancelled: Lambda needs an execution role/);
  assert.deepEqual(asked, [ROLE_SUMMARY]);
  await assert.rejects(iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })), /cannot be found|NoSuchEntity/);
});

test('execution role: created on request with the trust policy, the logs policy and the invoke-FaaS-Lab-functions policy, then found without asking', async () => {
  const asked: string[] = [];
  const p = provider({ roleArn: undefined, confirmCreateRole: async (summary) => (asked.push(summary), true) });
  moto.requests.length = 0;
  const d = await deploy(p, 'hello.js', 'hello', 'with-new-role');
  assert.deepEqual(asked, [ROLE_SUMMARY]);
  assert.deepEqual(
    moto.requests.filter((r) => r.action).map((r) => r.action),
    ['GetRole', 'CreateRole', 'PutRolePolicy', 'PutRolePolicy'],
  );
  const role = (await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }))).Role!;
  assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)), {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const policy = await iam.send(new GetRolePolicyCommand({ RoleName: ROLE_NAME, PolicyName: 'faaslab-write-logs' }));
  assert.deepEqual(JSON.parse(decodeURIComponent(policy.PolicyDocument!)), {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:*:log-group:/aws/lambda/*' }],
  });
  // context.invoke: FaaS Lab's own functions only, by the tag it puts on each.
  const invoke = await iam.send(new GetRolePolicyCommand({ RoleName: ROLE_NAME, PolicyName: 'faaslab-invoke-functions' }));
  assert.deepEqual(JSON.parse(decodeURIComponent(invoke.PolicyDocument!)), {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:*:function:*', Condition: { StringEquals: { 'aws:ResourceTag/faaslab:managed': 'true' } } },
    ],
  });
  const fn = await lambda.send(new GetFunctionCommand({ FunctionName: d.name }));
  assert.equal(fn.Configuration!.Role, role.Arn);

  const later = provider({ roleArn: undefined, confirmCreateRole: () => Promise.reject(new Error('must not ask again')) });
  assert.deepEqual(await later.readiness(), { ready: true, detail: `AWS Lambda in ${REGION}, x86_64, execution role ${role.Arn}` });
  await deploy(later, 'hello.py', 'hello', 'with-found-role');
});

test('deploy, redeploy unchanged, update code, configure, recycle, list, delete — as moto stores them', async () => {
  const p = provider({ architecture: 'arm64' });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'moto-hello', memoryMB: 256, timeoutS: 15, env: { GREETING: 'hi' }, platforms: ['aws'] });
  const artifact = await awsArtifact(spec);
  moto.requests.length = 0;
  const d = await p.deploy(spec, artifact);
  assert.deepEqual(
    moto.requests.map((r) => `${r.method} ${r.path}`),
    ['GET /2015-03-31/functions/moto-hello', 'POST /2015-03-31/functions', 'GET /2015-03-31/functions/moto-hello/configuration'],
  );
  const stored = await lambda.send(new GetFunctionCommand({ FunctionName: 'moto-hello' }));
  const c = stored.Configuration!;
  assert.equal(c.Runtime, 'nodejs20.x');
  assert.equal(c.Handler, 'index.handler');
  assert.equal(c.MemorySize, 256);
  assert.equal(c.Timeout, 15);
  assert.deepEqual(c.Architectures, ['arm64']);
  assert.deepEqual(c.Environment?.Variables, { GREETING: 'hi' });
  assert.equal(c.State, 'Active');
  assert.deepEqual(stored.Tags, { 'faaslab:managed': 'true', 'faaslab:codeHash': artifact.codeHash, 'faaslab:handler': 'hello', 'faaslab:sourceFile': spec.file });
  assert.equal(d.endpoint, c.FunctionArn);
  assert.equal(d.codeHash, artifact.codeHash);
  assert.equal(d.managed, true);
  assert.equal(d.updatedAt, new Date(c.LastModified!).toISOString());

  moto.requests.length = 0;
  await p.deploy(spec, artifact);
  assert.deepEqual(moto.requests.map((r) => `${r.method} ${r.path}`), ['GET /2015-03-31/functions/moto-hello'], 'unchanged: not re-uploaded');

  const v2 = { ...artifact, files: artifact.files.map((f) => ({ ...f, data: Buffer.concat([Buffer.from(f.data), Buffer.from('\n// v2\n')]) })), codeHash: 'f'.repeat(64) };
  moto.requests.length = 0;
  const d2 = await p.deploy(spec, v2);
  assert.ok(moto.requests.some((r) => r.method === 'PUT' && r.path === '/2015-03-31/functions/moto-hello/code'));
  const after2 = await lambda.send(new GetFunctionCommand({ FunctionName: 'moto-hello' }));
  const { createHash } = await import('node:crypto');
  assert.equal(after2.Configuration!.CodeSha256, createHash('sha256').update(await zipArtifact(v2)).digest('base64'));
  assert.equal(after2.Tags!['faaslab:codeHash'], v2.codeHash);
  assert.equal(d2.codeHash, v2.codeHash);

  const configured = await p.configure(d2, { memoryMB: 1024, timeoutS: 30 });
  assert.equal(configured.memoryMB, 1024);
  assert.equal(configured.timeoutS, 30);
  const c3 = (await lambda.send(new GetFunctionCommand({ FunctionName: 'moto-hello' }))).Configuration!;
  assert.equal(c3.MemorySize, 1024);
  assert.equal(c3.Timeout, 30);

  await p.recycle(configured);
  const c4 = (await lambda.send(new GetFunctionCommand({ FunctionName: 'moto-hello' }))).Configuration!;
  assert.equal(c4.Environment!.Variables!.GREETING, 'hi');
  assert.match(c4.Environment!.Variables!.FAASLAB_RECYCLE, /^\d{13}$/);
  assert.deepEqual((await p.get('moto-hello'))!.env, { GREETING: 'hi' });

  // A function someone else made: listed after FaaS Lab's, never overwritten.
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'a-theirs', Runtime: 'python3.12', Role: roleArn, Handler: 'x.y', Code: { ZipFile: await zipArtifact(v2) } }));
  const list = await p.list();
  const names = list.map((x) => [x.name, x.managed]);
  const firstUnmanaged = names.findIndex(([, managed]) => !managed);
  assert.ok(names.slice(0, firstUnmanaged).every(([, m]) => m) && names.slice(firstUnmanaged).every(([, m]) => !m), JSON.stringify(names));
  assert.deepEqual(
    list.find((x) => x.name === 'moto-hello'),
    { ...(await p.get('moto-hello'))! },
  );
  assert.equal(list.find((x) => x.name === 'a-theirs')!.managed, false);
  await assert.rejects(deploy(p, 'hello.py', 'hello', 'a-theirs'), /already exists and FaaS Lab did not deploy it/);

  await p.remove(configured);
  assert.equal(await p.get('moto-hello'), undefined);
  await p.remove(configured);
  assert.ok(!(await p.list()).some((x) => x.name === 'moto-hello'));
});

test('Python deploy: the shim as Lambda handler and FAASLAB_HANDLER, as moto stores them', async () => {
  const p = provider();
  const d = await deploy(p, 'hello.py', 'hello', 'moto-hello-py', { env: { MODE: 'test' } });
  const c = (await lambda.send(new GetFunctionCommand({ FunctionName: d.name }))).Configuration!;
  assert.equal(c.Runtime, 'python3.12');
  assert.equal(c.Handler, 'faaslab_runtime.lambda_entry');
  assert.deepEqual(c.Environment?.Variables, { MODE: 'test', FAASLAB_HANDLER: 'hello.hello' });
  assert.deepEqual(c.Architectures, ['x86_64']);
  assert.deepEqual(d.env, { MODE: 'test' });
});
