// Deploy and configure against the loopback Lambda API: functions that stay Pending or
// InProgress for a while, exactly which requests the real SDK sends, and that none is refused.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { zipArtifact } from '../../../../src/core/packaging';
import { AwsLambdaProvider } from '../../../../src/providers/aws';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';
import { ROLE, assertSigned, loopback } from './loopback-harness';

test('create: one CreateFunction with the zip, runtime, handler, role, limits, architecture and tags, then waits out Pending', async (t) => {
  const { api, provider } = await loopback(t, { pendingReads: 3 }, { architecture: 'arm64' });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'hello-node', memoryMB: 256, timeoutS: 20, env: { GREETING: 'hi' }, platforms: ['aws'] });
  const artifact = await awsArtifact(spec);
  const d = await provider.deploy(spec, artifact);

  assert.deepEqual(api.operations(), ['GetFunction', 'CreateFunction', 'GetFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration']);
  for (const r of api.requests) assertSigned(r, 'lambda');
  const [get] = api.ops('GetFunction');
  assert.equal(get.method, 'GET');
  assert.equal(get.rawPath, '/2015-03-31/functions/hello-node');
  const [create] = api.ops('CreateFunction');
  assert.equal(create.method, 'POST');
  assert.equal(create.rawPath, '/2015-03-31/functions');
  assert.equal(create.headers['content-type'], 'application/json');
  const body = create.json!;
  const zip = await zipArtifact(artifact);
  assert.equal((body.Code as { ZipFile: string }).ZipFile, zip.toString('base64'), 'the packager’s deterministic zip, base64 in the JSON body');
  assert.deepEqual(
    { ...body, Code: undefined },
    {
      Code: undefined,
      FunctionName: 'hello-node',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: ROLE,
      MemorySize: 256,
      Timeout: 20,
      Architectures: ['arm64'],
      Environment: { Variables: { GREETING: 'hi' } },
      Description: 'FaaS Lab: hello from hello.js',
      PackageType: 'Zip',
      Tags: {
        'faaslab:managed': 'true',
        'faaslab:codeHash': artifact.codeHash,
        'faaslab:handler': 'hello',
        'faaslab:sourceFile': spec.file,
      },
    },
  );
  for (const poll of api.ops('GetFunctionConfiguration')) assert.equal(poll.rawPath, '/2015-03-31/functions/hello-node/configuration');

  assert.deepEqual(d, {
    platform: 'aws',
    name: 'hello-node',
    language: 'node',
    runtime: 'nodejs20.x',
    memoryMB: 256,
    timeoutS: 20,
    codeHash: artifact.codeHash,
    endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:hello-node',
    updatedAt: d.updatedAt,
    env: { GREETING: 'hi' },
    managed: true,
    packaging: 'zip',
    sourceFile: spec.file,
    handler: 'hello',
  });
  assert.ok(Math.abs(Date.parse(d.updatedAt) - Date.now()) < 60_000);
});

test('Python: Lambda runs the shim (faaslab_runtime.lambda_entry) and FAASLAB_HANDLER names module.function', async (t) => {
  const { api, deploy } = await loopback(t);
  const d = await deploy('hello.py', 'hello', { name: 'hello-py', env: { A: '1' } });
  const body = api.ops('CreateFunction')[0].json!;
  assert.equal(body.Runtime, 'python3.12');
  assert.equal(body.Handler, 'faaslab_runtime.lambda_entry');
  assert.deepEqual(body.Environment, { Variables: { A: '1', FAASLAB_HANDLER: 'hello.hello' } });
  assert.deepEqual(body.Architectures, ['x86_64'], 'x86_64 unless asked otherwise');
  assert.equal(d.language, 'python');
  assert.deepEqual(d.env, { A: '1' }, 'FaaS Lab’s own variables are not the user’s env');
});

test('unchanged code and settings: nothing is uploaded or updated', async (t) => {
  const { api, deploy } = await loopback(t);
  const first = await deploy('hello.js', 'hello');
  api.requests.length = 0;
  const again = await deploy('hello.js', 'hello');
  assert.deepEqual(api.operations(), ['GetFunction'], 'one read: the zip’s SHA-256 equals Lambda’s CodeSha256');
  assert.equal(again.codeHash, first.codeHash);
});

test('changed code during someone else’s update: waits for it, uploads, waits, retags — no ResourceConflict reaches the user', async (t) => {
  const { api, provider, deploy } = await loopback(t, { inProgressReads: 2 });
  await deploy('hello.js', 'hello', { name: 'fn' });
  const fn = api.functions.get('fn')!;
  fn.inProgressReads = 2; // an update started elsewhere is still being applied
  api.requests.length = 0;
  const spec = fixtureSpec('hello.js', 'hello', { name: 'fn', platforms: ['aws'] });
  const changed = await awsArtifact(spec);
  const modified = { ...changed, files: changed.files.map((f) => ({ ...f, data: Buffer.concat([Buffer.from(f.data), Buffer.from('\n// v2\n')]) })), codeHash: 'v2'.padEnd(64, '0') };
  const d = await provider.deploy(spec, modified);

  assert.deepEqual(api.operations(), [
    'GetFunction', // InProgress
    'GetFunctionConfiguration', // InProgress
    'GetFunctionConfiguration', // Successful: now the upload
    'UpdateFunctionCode',
    'GetFunctionConfiguration', // InProgress (this upload)
    'GetFunctionConfiguration',
    'GetFunctionConfiguration',
    'TagResource',
  ]);
  const [upload] = api.ops('UpdateFunctionCode');
  assert.equal(upload.method, 'PUT');
  assert.equal(upload.rawPath, '/2015-03-31/functions/fn/code');
  assert.equal(upload.headers['content-type'], 'application/json');
  const zip = await zipArtifact(modified);
  assert.deepEqual(upload.json, { ZipFile: zip.toString('base64'), Architectures: ['x86_64'] });
  assert.equal(fn.codeSha256, createHash('sha256').update(zip).digest('base64'));
  const [tag] = api.ops('TagResource');
  assert.equal(tag.method, 'POST');
  assert.equal(tag.rawPath, `/2017-03-31/tags/${encodeURIComponent(api.arn('fn'))}`);
  assert.deepEqual(tag.json, { Tags: { 'faaslab:codeHash': modified.codeHash } }, 'only the tag that changed');
  assert.equal(d.codeHash, modified.codeHash);
  for (const r of api.requests) assertSigned(r, 'lambda');
});

test('an architecture change re-uploads the same code for the new architecture', async (t) => {
  const { api, deploy } = await loopback(t);
  await deploy('hello.js', 'hello', { name: 'fn' });
  api.requests.length = 0;
  // Same code, other architecture: through a second provider on the same API.
  const arm = new AwsLambdaProvider({ region: 'us-east-1', endpoint: api.url, roleArn: ROLE, architecture: 'arm64', timing: { pollMs: 5 } });
  t.after(() => arm.dispose());
  const spec = fixtureSpec('hello.js', 'hello', { name: 'fn', platforms: ['aws'] });
  await arm.deploy(spec, await awsArtifact(spec));
  assert.deepEqual(api.ops('UpdateFunctionCode')[0].json!.Architectures, ['arm64']);
  assert.deepEqual(api.functions.get('fn')!.architectures, ['arm64']);
  assert.equal(api.ops('UpdateFunctionConfiguration').length, 0);
});

test('settings that changed (memory, env) are one UpdateFunctionConfiguration after the code step', async (t) => {
  const { api, deploy } = await loopback(t, { inProgressReads: 1 });
  await deploy('hello.js', 'hello', { name: 'fn', memoryMB: 128, env: { A: '1' } });
  api.requests.length = 0;
  const d = await deploy('hello.js', 'hello', { name: 'fn', memoryMB: 1024, timeoutS: 60, env: { B: '2' } });
  assert.deepEqual(api.operations(), ['GetFunction', 'UpdateFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration']);
  const [update] = api.ops('UpdateFunctionConfiguration');
  assert.equal(update.method, 'PUT');
  assert.equal(update.rawPath, '/2015-03-31/functions/fn/configuration');
  assert.deepEqual(update.json, {
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    MemorySize: 1024,
    Timeout: 60,
    Environment: { Variables: { B: '2' } },
    Description: 'FaaS Lab: hello from hello.js',
    Role: ROLE,
  });
  assert.equal(d.memoryMB, 1024);
  assert.equal(d.timeoutS, 60);
  assert.deepEqual(d.env, { B: '2' });
});

test('configure: memory and timeout applied, and the call returns only once Lambda reports Successful', async (t) => {
  const { api, provider, deploy } = await loopback(t, { inProgressReads: 3 });
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.requests.length = 0;
  const changed = await provider.configure(d, { memoryMB: 512 });
  assert.deepEqual(api.operations(), [
    'GetFunction',
    'UpdateFunctionConfiguration',
    'GetFunctionConfiguration',
    'GetFunctionConfiguration',
    'GetFunctionConfiguration',
    'GetFunctionConfiguration',
  ]);
  assert.deepEqual(api.ops('UpdateFunctionConfiguration')[0].json, { MemorySize: 512, Timeout: 10 });
  assert.equal(api.functions.get('fn')!.inProgressReads, 0, 'settled before returning');
  assert.equal(changed.memoryMB, 512);
  assert.equal(changed.timeoutS, 10);
  assert.equal(changed.managed, true);

  api.requests.length = 0;
  await provider.configure(changed, { memoryMB: 512, timeoutS: 10 });
  assert.equal(api.ops('UpdateFunctionConfiguration').length, 0, 'no change, no update');
});

test('limits are checked before any request (emulators accept anything)', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  await assert.rejects(deploy('hello.js', 'hello', { memoryMB: 100 }), /Lambda memory sizes are whole MB from 128 to 10240; 100 MB is not one/);
  await assert.rejects(deploy('hello.js', 'hello', { timeoutS: 901 }), /Lambda timeouts are whole seconds from 1 to 900; 901 s/);
  assert.equal(api.requests.length, 0);
  const d = await deploy('hello.js', 'hello');
  await assert.rejects(provider.configure(d, { memoryMB: 20_000 }), /20000 MB is not one/);
});

test('a function FaaS Lab did not deploy is not overwritten', async (t) => {
  const { api, deploy } = await loopback(t);
  await deploy('hello.js', 'hello', { name: 'theirs' });
  api.functions.get('theirs')!.tags = {};
  api.requests.length = 0;
  await assert.rejects(deploy('hello.js', 'hello', { name: 'theirs' }), /already exists and FaaS Lab did not deploy it.*name= in its @faas annotation/);
  assert.deepEqual(api.operations(), ['GetFunction']);
});

test('recycle sets FAASLAB_RECYCLE (new execution environments) and keeps the user’s variables', async (t) => {
  const { api, provider, deploy } = await loopback(t, { inProgressReads: 1 });
  const d = await deploy('hello.js', 'hello', { name: 'fn', env: { KEEP: 'me' } });
  const before = Date.now();
  await provider.recycle(d);
  const [update] = api.ops('UpdateFunctionConfiguration');
  const vars = (update.json!.Environment as { Variables: Record<string, string> }).Variables;
  assert.equal(vars.KEEP, 'me');
  assert.ok(Number(vars.FAASLAB_RECYCLE) >= before);
  assert.deepEqual(Object.keys(update.json!), ['Environment']);
  // The next deploy of the same code does not count the recycle marker as a change.
  api.requests.length = 0;
  await deploy('hello.js', 'hello', { name: 'fn', env: { KEEP: 'me' } });
  assert.equal(api.ops('UpdateFunctionConfiguration').length, 0);
});

test('a new role that IAM has not propagated yet: CreateFunction is retried until Lambda accepts it', async (t) => {
  const { api, deploy } = await loopback(t, { refuseRoleTimes: 2 });
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  assert.equal(d.name, 'fn');
  assert.equal(api.ops('CreateFunction').length, 3);
  assert.deepEqual(api.ops('CreateFunction')[0].json, api.ops('CreateFunction')[2].json, 'the same request again');
});
