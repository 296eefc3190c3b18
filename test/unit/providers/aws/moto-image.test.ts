// Container-image functions end to end, offline: the provider builds the image on the real Docker
// engine at DOCKER_HOST, logs in with ECR's token and pushes to a real registry behind the ECR API
// (test/fixtures/aws/ecr-registry.ts), and creates/updates the function in moto with its ImageUri.
// Then the image is pulled back from the registry and run the way Lambda runs it: its entrypoint
// (here the docker-lambda style runtime of moto-runtime/, standing in for AWS's base image, which
// cannot be pulled offline) with the CMD FaaS Lab set and the function's environment from Lambda.
// moto cannot invoke image functions, so the SDK's Invoke is exercised by the zip tests only.
// Skipped, saying why, without an engine, the base images or the registry program.
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import Docker from 'dockerode';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { deployIfChanged } from '../../../../src/core/functions/deploy';
import { UserError, type FunctionSpec } from '../../../../src/core/model';
import { AwsLambdaProvider } from '../../../../src/providers/aws';
import { LAMBDA_PULL_POLICY, repositoryName } from '../../../../src/providers/aws/ecr';
import { registryTools, startEcrRegistry, type EcrRegistry } from '../../../fixtures/aws/ecr-registry';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';
import { isolateAwsEnv } from './env';
import { startMoto, type Moto } from './moto';
import { MOTO_LAMBDA_IMAGE, motoDocker } from './moto-docker';

const CREDS = { accessKeyId: 'AKIDMOTOTEST', secretAccessKey: 'moto-secret' };
const REGION = 'us-east-1';
let skip: string | undefined;
let moto: Moto | undefined;
let ecr: EcrRegistry | undefined;
let lambda: LambdaClient;
let docker: Docker;
let roleArn: string;
let work: string;
const providers: AwsLambdaProvider[] = [];

before(async () => {
  isolateAwsEnv(CREDS);
  const engine = await motoDocker();
  const tools = registryTools();
  if ('skip' in engine) skip = engine.skip;
  else if ('skip' in tools) skip = tools.skip;
  if (skip !== undefined || 'skip' in engine || 'skip' in tools) return;
  docker = new Docker({ socketPath: engine.socket });
  moto = await startMoto();
  const iam = new IAMClient({ region: REGION, endpoint: moto.directEndpoint, credentials: CREDS });
  roleArn = (await iam.send(new CreateRoleCommand({ RoleName: 'image-test', AssumeRolePolicyDocument: '{}' }))).Role!.Arn!;
  iam.destroy();
  ecr = await startEcrRegistry({ registry: tools.registry, upstream: moto.endpoint, credentials: CREDS, account: '123456789012', region: REGION });
  lambda = new LambdaClient({ region: REGION, endpoint: moto.directEndpoint, credentials: CREDS });
  work = mkdtempSync(path.join(tmpdir(), 'faaslab-image-test-'));
});

after(async () => {
  await Promise.all(providers.map((p) => p.dispose()));
  lambda?.destroy();
  await ecr?.stop();
  await moto?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

function skipped(t: { skip(message: string): void }): boolean {
  if (skip !== undefined) t.skip(skip);
  return skip !== undefined;
}

/** Base images standing in for AWS's: the docker-lambda runtimes built offline by moto-docker.ts. */
function provider(options: { packageType?: 'zip' | 'image'; dockerHost?: string } = {}): AwsLambdaProvider {
  const p = new AwsLambdaProvider({
    region: REGION,
    endpoint: ecr!.endpoint,
    roleArn,
    nodeImage: `${MOTO_LAMBDA_IMAGE}:nodejs20.x`,
    pythonImage: `${MOTO_LAMBDA_IMAGE}:python3.12`,
    timing: { pollMs: 20 },
    ...options,
  });
  providers.push(p);
  return p;
}

async function lambdaFunction(name: string) {
  return lambda.send(new GetFunctionCommand({ FunctionName: name }));
}

/** Pulls the function's image from the registry (as Lambda does from ECR) and runs it once with the event. */
async function runLikeLambda(name: string, event: unknown): Promise<unknown> {
  const fn = await lambdaFunction(name);
  const imageUri = fn.Code!.ImageUri!;
  const authconfig = { username: ecr!.login.username, password: ecr!.login.password, serveraddress: ecr!.registryHost };
  await new Promise<void>((resolve, reject) => {
    docker.pull(imageUri, { authconfig }, (err: Error | null, stream?: NodeJS.ReadableStream) => {
      if (err || !stream) return reject(err ?? new Error('no pull stream'));
      docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve()));
    });
  });
  const image = await docker.getImage(imageUri).inspect();
  const config = fn.Configuration!;
  const env = {
    ...config.Environment?.Variables,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(config.Timeout),
  };
  const container = await docker.createContainer({
    Image: imageUri,
    // The image's own command (the handler FaaS Lab set), plus the event the docker-lambda runtime takes.
    Cmd: [...(image.Config.Cmd ?? []), JSON.stringify(event)],
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    await container.start();
    const exit = (await container.wait()) as { StatusCode: number };
    const logs = demux(await container.logs({ stdout: true, stderr: true }));
    assert.equal(exit.StatusCode, 0, logs);
    // The runtime prints the result as the last line.
    const lines = logs.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return JSON.parse(lines[lines.length - 1]);
  } finally {
    await container.remove({ force: true });
    await docker.getImage(imageUri).remove().catch(() => undefined);
  }
}

/** The text of Docker's multiplexed log frames (8-byte header: stream, 3 zero bytes, big-endian size). */
function demux(frames: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= frames.length; ) {
    const size = frames.readUInt32BE(at + 4);
    parts.push(frames.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

function operations(): string[] {
  return ecr!.calls.map((c) => c.operation);
}

function handlerCopy(name: string, body: string): FunctionSpec {
  const file = path.join(work, `${name}.js`);
  writeFileSync(file, body);
  return fixtureSpec('hello.js', 'hello', { file, name, platforms: ['aws'], package: 'image' });
}

test('Node: built on the engine, pushed to ECR with its token, created as an image function that runs', async (t) => {
  if (skipped(t)) return;
  ecr!.calls.length = 0;
  moto!.requests.length = 0;
  const p = provider();
  const spec = fixtureSpec('hello.js', 'hello', { name: 'img-node', platforms: ['aws'], package: 'image', memoryMB: 256, env: { MODE: 'image' } });
  const progress: string[] = [];
  const outcome = await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR, onProgress: (m) => progress.push(m) });
  const create = moto!.requests.find((r) => r.method === 'POST' && r.path === '/2015-03-31/functions');
  const tag = outcome.deployment.packaging!.slice('image:'.length);
  // An image names its runtime and handler itself: Lambda refuses Runtime and Handler with it.
  assert.deepEqual(create?.json, {
    FunctionName: 'img-node',
    Code: { ImageUri: `${ecr!.registryHost}/faaslab/img-node:${tag}` },
    PackageType: 'Image',
    Role: roleArn,
    MemorySize: 256,
    Timeout: 10,
    Architectures: ['x86_64'],
    Environment: { Variables: { MODE: 'image' } },
    Description: 'FaaS Lab: hello from hello.js',
    Tags: {
      'faaslab:managed': 'true',
      'faaslab:codeHash': outcome.codeHash,
      'faaslab:handler': 'hello',
      'faaslab:sourceFile': spec.file,
      'faaslab:packaging': `image:${tag}`,
      'faaslab:language': 'node',
      'faaslab:runtime': 'nodejs20.x',
    },
  });
  assert.equal(outcome.action, 'deployed');
  const d = outcome.deployment;
  assert.deepEqual(progress, ['building the image (linux/amd64)…', `pushing the image to ECR (faaslab/img-node:${tag})…`]);
  assert.equal(d.runtime, 'nodejs20.x');
  assert.equal(d.language, 'node');
  assert.equal(d.managed, true);
  assert.match(d.packaging ?? '', /^image:[0-9a-f]{20}$/);
  assert.deepEqual(d.env, { MODE: 'image' });
  assert.deepEqual(ecr!.problems, []);
  assert.deepEqual(operations(), ['DescribeRepositories', 'CreateRepository', 'SetRepositoryPolicy', 'GetAuthorizationToken']);
  const created = ecr!.calls.find((c) => c.operation === 'CreateRepository')!.body;
  assert.deepEqual(created, {
    repositoryName: 'faaslab/img-node',
    imageTagMutability: 'MUTABLE',
    tags: [{ Key: 'faaslab:managed', Value: 'true' }, { Key: 'faaslab:function', Value: 'img-node' }],
  });
  assert.equal(ecr!.calls.find((c) => c.operation === 'SetRepositoryPolicy')!.body.policyText, LAMBDA_PULL_POLICY);

  const fn = await lambdaFunction('img-node');
  assert.equal(fn.Configuration!.PackageType, 'Image');
  assert.equal(fn.Configuration!.Runtime, undefined);
  assert.equal(fn.Configuration!.Handler, undefined);
  assert.equal(fn.Configuration!.MemorySize, 256);
  assert.equal(fn.Code!.ImageUri, `${ecr!.registryHost}/faaslab/img-node:${tag}`);
  assert.equal(fn.Tags!['faaslab:packaging'], `image:${tag}`);
  assert.match((await ecr!.manifestDigest('faaslab/img-node', tag)) ?? '', /^sha256:[0-9a-f]{64}$/);
  // The engine's copy is gone: ECR holds the image.
  await assert.rejects(docker.getImage(fn.Code!.ImageUri!).inspect(), /no such image/i);

  const result = (await runLikeLambda('img-node', { name: 'Ada' })) as { message: string; function: string };
  assert.equal(result.message, 'Hello, Ada!');
  assert.equal(result.function, 'img-node');
});

test('unchanged code is neither built nor pushed; changed code is pushed under a new tag and the function updated', async (t) => {
  if (skipped(t)) return;
  const p = provider();
  const spec = handlerCopy('img-change', "export function hello(request) { return { version: 1, name: request.name }; }\n");
  const first = await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR });
  assert.equal(first.action, 'deployed');

  ecr!.calls.length = 0;
  moto!.requests.length = 0;
  const again = await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR });
  assert.equal(again.action, 'unchanged');
  assert.deepEqual(operations(), [], 'no ECR call at all for unchanged code');
  assert.ok(!moto!.requests.some((r) => r.action === 'UpdateFunctionCode' || /\/code$/.test(r.path)));

  // Memory only: a configuration change, no image work.
  ecr!.calls.length = 0;
  const configured = await deployIfChanged({ ...spec, memoryMB: 512 }, p, { runtimeDir: RUNTIME_DIR });
  assert.equal(configured.action, 'configured');
  assert.equal(configured.deployment.memoryMB, 512);
  assert.deepEqual(operations(), []);

  writeFileSync(spec.file, "export function hello(request) { return { version: 2, name: request.name }; }\n");
  ecr!.calls.length = 0;
  moto!.requests.length = 0;
  const changed = await deployIfChanged({ ...spec, memoryMB: 512, env: { V: '2' } }, p, { runtimeDir: RUNTIME_DIR });
  assert.equal(changed.action, 'deployed');
  assert.notEqual(changed.deployment.packaging, first.deployment.packaging);
  assert.deepEqual(operations(), ['DescribeRepositories', 'DescribeImages', 'GetAuthorizationToken']);
  const imageUri = `${ecr!.registryHost}/faaslab/img-change:${changed.deployment.packaging!.slice(6)}`;
  const code = moto!.requests.find((r) => r.method === 'PUT' && r.path === '/2015-03-31/functions/img-change/code');
  assert.deepEqual(code?.json, { ImageUri: imageUri, Architectures: ['x86_64'] });
  const configuration = moto!.requests.find((r) => r.method === 'PUT' && r.path === '/2015-03-31/functions/img-change/configuration');
  // No Runtime or Handler: Lambda refuses them for an image function.
  assert.deepEqual(configuration?.json, { MemorySize: 512, Timeout: 10, Environment: { Variables: { V: '2' } }, Description: 'FaaS Lab: hello from img-change.js', Role: roleArn });
  const fn = await lambdaFunction('img-change');
  assert.equal(fn.Code!.ImageUri, imageUri);
  assert.deepEqual(fn.Configuration!.Environment!.Variables, { V: '2' });
  assert.deepEqual(await runLikeLambda('img-change', { name: 'v2' }), { version: 2, name: 'v2' });
  // Both tags are in the registry: Lambda versions published earlier may still point at the old one.
  assert.ok(await ecr!.manifestDigest('faaslab/img-change', first.deployment.packaging!.slice(6)));
});

test('switching package=zip and back recreates the function (Lambda cannot change a package type); the pushed image is reused', async (t) => {
  if (skipped(t)) return;
  const p = provider();
  const spec = fixtureSpec('hello.js', 'hello', { name: 'img-switch', platforms: ['aws'], package: 'image' });
  const image = await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR });
  assert.equal((await lambdaFunction('img-switch')).Configuration!.PackageType, 'Image');

  const zip = await deployIfChanged({ ...spec, package: 'zip' }, p, { runtimeDir: RUNTIME_DIR });
  assert.equal(zip.action, 'deployed', 'same code, other package type: deployed again');
  assert.equal(zip.deployment.packaging, 'zip');
  const asZip = await lambdaFunction('img-switch');
  assert.equal(asZip.Configuration!.PackageType, 'Zip');
  assert.equal(asZip.Configuration!.Runtime, 'nodejs20.x');
  assert.equal(asZip.Configuration!.Handler, 'index.handler');
  assert.equal(asZip.Tags!['faaslab:packaging'], undefined);

  ecr!.calls.length = 0;
  const progress: string[] = [];
  const back = await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR, onProgress: (m) => progress.push(m) });
  assert.deepEqual(progress, [
    `the image is in ECR already (faaslab/img-switch:${image.deployment.packaging!.slice(6)}): nothing to build or push`,
    'replacing the zip function (Lambda cannot change a package type)…',
  ]);
  assert.equal(back.action, 'deployed');
  assert.equal(back.deployment.packaging, image.deployment.packaging);
  assert.deepEqual(operations(), ['DescribeRepositories', 'DescribeImages'], 'the image ECR has is not built or pushed again');
  assert.equal((await lambdaFunction('img-switch')).Configuration!.PackageType, 'Image');

  // faasLab.aws.packageType=image makes image the default for functions without package=.
  const byDefault = provider({ packageType: 'image' });
  const { package: _omitted, ...noPackage } = spec;
  assert.equal((await deployIfChanged(noPackage, byDefault, { runtimeDir: RUNTIME_DIR })).action, 'unchanged');
  assert.equal((await deployIfChanged(noPackage, p, { runtimeDir: RUNTIME_DIR })).deployment.packaging, 'zip');
});

test('Python: the shim finds the handler through FAASLAB_HANDLER in the image function environment', async (t) => {
  if (skipped(t)) return;
  const p = provider();
  const spec = fixtureSpec('hello.py', 'hello', { name: 'img-python', platforms: ['aws'], package: 'image' });
  const d = (await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR })).deployment;
  assert.equal(d.runtime, 'python3.12');
  assert.equal(d.language, 'python');
  const fn = await lambdaFunction('img-python');
  assert.equal(fn.Configuration!.PackageType, 'Image');
  assert.equal(fn.Configuration!.Environment!.Variables!.FAASLAB_HANDLER, 'hello.hello');
  const result = (await runLikeLambda('img-python', { name: 'Grace' })) as { message: string; function: string };
  assert.equal(result.message, 'Hello, Grace!');
  assert.equal(result.function, 'img-python');
});

test('list shows FaaS Lab image functions with their runtime; remove deletes the function and its ECR repository', async (t) => {
  if (skipped(t)) return;
  const p = provider();
  const spec = fixtureSpec('hello.js', 'hello', { name: 'Img-Remove', platforms: ['aws'], package: 'image' });
  const d = (await deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR })).deployment;
  const repo = repositoryName('Img-Remove');
  assert.match(repo, /^faaslab\/img-remove-[0-9a-f]{8}$/);
  const listed = (await p.list()).find((x) => x.name === 'Img-Remove');
  assert.equal(listed?.runtime, 'nodejs20.x');
  assert.equal(listed?.packaging, d.packaging);
  const tag = d.packaging!.slice(6);
  assert.ok(await ecr!.manifestDigest(repo, tag));

  ecr!.calls.length = 0;
  await p.remove(listed!);
  assert.equal(await p.get('Img-Remove'), undefined);
  assert.deepEqual(operations(), ['DescribeRepositories', 'ListTagsForResource', 'DeleteRepository']);
  assert.deepEqual(ecr!.calls.at(-1)!.body, { repositoryName: repo, force: true });
  assert.equal(await ecr!.manifestDigest(repo, tag), undefined, 'the image is gone from the registry');
  assert.deepEqual(ecr!.problems, []);
});

test('no Docker engine: image deploys and readiness say what to do, and nothing is created', async (t) => {
  if (skipped(t)) return;
  const nowhere = `unix://${path.join(work, 'no-engine.sock')}`;
  const p = provider({ dockerHost: nowhere, packageType: 'image' });
  const spec = fixtureSpec('hello.js', 'hello', { name: 'img-no-engine', platforms: ['aws'], package: 'image' });
  await assert.rejects(deployIfChanged(spec, p, { runtimeDir: RUNTIME_DIR }), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.equal(
      err.message,
      `Container-image functions are built on a Docker engine, and none answered at ${nowhere} (no socket there): start Docker or set faasLab.docker.host, ` +
        'or deploy as a zip package (package=zip in the @faas annotation, or faasLab.aws.packageType)',
    );
    return true;
  });
  assert.equal(await p.get('img-no-engine'), undefined);
  const ready = await p.readiness();
  assert.equal(ready.ready, false);
  assert.ok(!ready.ready && ready.message.startsWith('Container-image functions are built on a Docker engine'));
  assert.ok(!ready.ready && ready.fixes.some((f) => f.kind === 'setting' && f.setting === 'faasLab.aws.packageType'));
});
