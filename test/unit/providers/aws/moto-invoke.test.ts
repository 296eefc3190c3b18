// Invoke for real through moto: moto starts a container per call on the Docker engine at
// DOCKER_HOST, with the deployed zip in /var/task, and the FaaS Lab shims run the handler.
// Skipped, saying why, when no engine or base image is there (see moto-docker.ts).
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Deployment, FunctionSpec } from '../../../../src/core/model';
import { zipArtifact } from '../../../../src/core/packaging';
import { AwsLambdaProvider } from '../../../../src/providers/aws';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { isolateAwsEnv } from './env';
import { startMoto, type Moto } from './moto';
import { listVolumes, motoDocker, removeVolume, type MotoDocker } from './moto-docker';
import { writeWheel } from '../../../fixtures/aws/wheel';

const CREDS = { accessKeyId: 'AKIDMOTOTEST', secretAccessKey: 'moto-secret' };
let docker: MotoDocker;
let moto: Moto | undefined;
let provider: AwsLambdaProvider | undefined;
const zipDigests = new Set<string>();

before(async () => {
  isolateAwsEnv(CREDS);
  docker = await motoDocker();
  if ('skip' in docker) return;
  moto = await startMoto(docker.env);
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.directEndpoint, credentials: CREDS });
  const role = await iam.send(new CreateRoleCommand({ RoleName: 'invoke-test', AssumeRolePolicyDocument: '{}' }));
  iam.destroy();
  provider = new AwsLambdaProvider({ region: 'us-east-1', endpoint: moto.endpoint, roleArn: role.Role!.Arn, timing: { pollMs: 20 } });
});

after(async () => {
  await provider?.dispose();
  await moto?.stop();
  if (!('skip' in docker)) for (const digest of zipDigests) await removeVolume(docker.socket, digest);
});

async function deploy(file: string, handler: string, overrides: Partial<FunctionSpec> = {}): Promise<Deployment> {
  const spec = fixtureSpec(file, handler, { platforms: ['aws'], ...overrides });
  const artifact = await awsArtifact(spec);
  zipDigests.add(createHash('sha256').update(await zipArtifact(artifact)).digest('hex'));
  return provider!.deploy(spec, artifact);
}

function skipped(t: { skip(message: string): void }): boolean {
  if ('skip' in docker) {
    t.skip(docker.skip);
    return true;
  }
  return false;
}

test('Node: the handler runs in a container; result, shim metrics, and the log tail come back', async (t) => {
  if (skipped(t)) return;
  const d = await deploy('hello.js', 'hello', { name: 'moto-run-node', memoryMB: 256 });
  const inv = await provider!.invoke(d, { name: 'Ada' });
  assert.equal(inv.status, 'ok', inv.error?.message);
  const result = inv.result as { message: string; function: string; requestId: string };
  assert.equal(result.message, 'Hello, Ada!');
  assert.equal(result.function, 'moto-run-node');
  assert.match(result.requestId, /^[0-9a-f-]{36}$/);
  const m = inv.metrics;
  assert.equal(m.lang, 'node');
  assert.equal(m.newcontainer, 1, 'moto starts a new container for every call');
  assert.equal(m.functionMemory, 256);
  assert.equal(m.functionName, 'moto-run-node');
  assert.equal(m.functionRegion, 'us-east-1');
  assert.ok(m.runtime! >= 0 && m.runtime! < inv.roundTripMs);
  assert.ok(m.startTime! >= inv.clientStart - 1000 && m.endTime! <= inv.clientEnd + 1000);
  assert.equal(typeof m.uuid, 'string');
  // moto's log tail has no REPORT line (that is the Lambda service's), so cold is the shim's word.
  assert.equal(inv.cold, undefined);
  assert.equal(m.billedDurationMs, undefined);
  assert.equal(inv.logs, '', 'the handler wrote nothing');
});

test('Python: the shim (faaslab_runtime.lambda_entry) loads the module named by FAASLAB_HANDLER', async (t) => {
  if (skipped(t)) return;
  const d = await deploy('hello.py', 'hello', { name: 'moto-run-py' });
  const inv = await provider!.invoke(d, { name: 'Bob' });
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.equal((inv.result as { message: string }).message, 'Hello, Bob!');
  assert.equal((inv.result as { function: string }).function, 'moto-run-py');
  assert.equal(inv.metrics.lang, 'python');
  assert.equal(inv.metrics.newcontainer, 1);
  assert.equal(inv.metrics.functionMemory, 128);
  assert.ok(inv.metrics.runtime! >= 0);
});

test('Python requirements are installed into the zip (Lambda does not install requirements.txt) and import in the function', async (t) => {
  if (skipped(t) || 'skip' in docker) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-deps-'));
  const saved = { find: process.env.PIP_FIND_LINKS, noIndex: process.env.PIP_NO_INDEX };
  const volumesBefore = new Set(await listVolumes(docker.socket));
  try {
    await writeWheel(dir, 'faaslab-tinydep', '1.0', 'def answer():\n    return 42\n');
    process.env.PIP_FIND_LINKS = dir;
    process.env.PIP_NO_INDEX = '1';
    const file = path.join(dir, 'uses_dep.py');
    writeFileSync(file, 'import faaslab_tinydep\n\ndef handler(request, context):\n    return {"answer": faaslab_tinydep.answer(), "from": faaslab_tinydep.__file__}\n');
    const spec = fixtureSpec('hello.py', 'handler', { file, name: 'moto-run-deps', platforms: ['aws'], requirements: ['faaslab-tinydep==1.0'] });
    const progress: string[] = [];
    const d = await provider!.deploy(spec, await awsArtifact(spec), undefined, (m) => progress.push(m));
    assert.deepEqual(progress, ['installing faaslab-tinydep==1.0 for Lambda (manylinux2014_x86_64)…']);
    const inv = await provider!.invoke(d, {});
    assert.equal(inv.status, 'ok', inv.error?.message);
    assert.deepEqual(inv.result, { answer: 42, from: '/var/task/faaslab_tinydep/__init__.py' });
  } finally {
    for (const [key, value] of [['PIP_FIND_LINKS', saved.find], ['PIP_NO_INDEX', saved.noIndex]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
    for (const volume of await listVolumes(docker.socket)) if (!volumesBefore.has(volume) && /^[0-9a-f]{64}$/.test(volume)) await removeVolume(docker.socket, volume);
  }
});

test('a handler that throws: the shim reports its error type and message, with metrics', async (t) => {
  if (skipped(t)) return;
  const d = await deploy('throws.js', 'throws', { name: 'moto-run-throws' });
  const inv = await provider!.invoke(d, { bad: true });
  assert.equal(inv.status, 'error');
  assert.equal(inv.error!.type, 'ValidationError');
  assert.equal(inv.error!.message, 'bad input: {"bad":true}');
  assert.match(inv.error!.stack!, /at throws /);
  assert.equal(inv.metrics.lang, 'node');
});

test('a module that fails to load: Lambda’s FunctionError payload becomes the error record', async (t) => {
  if (skipped(t)) return;
  const d = await deploy('broken.py', 'broken', { name: 'moto-run-broken' });
  const inv = await provider!.invoke(d, {});
  assert.equal(inv.status, 'error');
  assert.equal(inv.error!.type, 'RuntimeError');
  assert.equal(inv.error!.message, 'cannot load: missing configuration');
  assert.match(inv.error!.stack!, /broken\.py/);
  assert.deepEqual(inv.metrics, {});
});

test('logs: what the handler wrote is in the call’s log tail and in CloudWatch Logs (/aws/lambda/<name>)', async (t) => {
  if (skipped(t)) return;
  const d = await deploy('hello.js', 'chatty', { name: 'moto-run-logs', file: path.resolve(__dirname, '../../../fixtures/aws/chatty.js') });
  const inv = await provider!.invoke(d, { name: 'Ada' });
  assert.deepEqual(inv.result, { logged: true });
  assert.match(inv.logs!, /chatty says hello to Ada from moto-run-logs/);
  const lines = await provider!.logs(d, { limit: 50 });
  assert.ok(lines.some((l) => l.message === 'chatty says hello to Ada from moto-run-logs'), JSON.stringify(lines));
  for (const l of lines) assert.ok(Math.abs(Date.parse(l.time) - Date.now()) < 120_000);
});

for (const file of ['caller.js', 'caller.py']) {
  test(`${file}: context.invoke calls the callee through Lambda's Invoke API with the function's credentials, and the call is recorded`, async (t) => {
    if (skipped(t) || !moto) return;
    const lang = file.endsWith('.py') ? 'py' : 'js';
    const callee = await deploy('hello.py', 'hello', { name: `moto-callee-${lang}` });
    // Through the recording proxy in front of moto (the SDKs' endpoint variable), so the test sees the Invoke the caller sent.
    const d = await deploy(file, 'caller', { name: `moto-caller-${lang}`, env: { AWS_ENDPOINT_URL_LAMBDA: moto.endpoint } });
    moto.requests.length = 0;
    const inv = await provider!.invoke(d, { callee: callee.name, payload: { name: 'Ada' } });
    assert.equal(inv.status, 'ok', inv.error?.message);
    const answer = (inv.result as { answer?: { message: string; function: string }; caught?: unknown }).answer;
    assert.deepEqual(answer && [answer.message, answer.function], ['Hello, Ada!', callee.name], JSON.stringify(inv.result));
    assert.equal(inv.nested?.length, 1);
    const nested = inv.nested![0];
    assert.deepEqual([nested.function, nested.status, nested.metrics.lang], [callee.name, 'ok', 'python']);
    assert.ok(nested.roundTripMs > 0 && nested.roundTripMs <= inv.roundTripMs);
    assert.equal(nested.trace?.parentId, inv.trace?.callId);
    assert.equal(nested.trace?.traceId, inv.trace?.traceId);
    const sent = moto.requests.filter((r) => r.path === `/2015-03-31/functions/${callee.name}/invocations`);
    assert.equal(sent.length, 1, 'the caller sent one Invoke for the callee');
    assert.deepEqual((sent[0].json as { __faaslab: { trace: unknown } }).__faaslab.trace, nested.trace);

    const missing = await provider!.invoke(d, { callee: 'moto-nobody' });
    assert.match(JSON.stringify(missing.result), /no Lambda function 'moto-nobody' in us-east-1: deploy it first/);
    assert.equal(missing.nested, undefined);
  });
}
