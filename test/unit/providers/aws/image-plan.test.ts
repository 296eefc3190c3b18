// What a container-image function is made of, without an engine: the Dockerfile FaaS Lab writes,
// the base image per runtime, the content tag, the ECR repository name, and how Lambda's
// description of an image function becomes a Deployment.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { repositoryName } from '../../../../src/providers/aws/ecr';
import { awsBaseImage, fromImages, planLambdaImage } from '../../../../src/providers/aws/image';
import { toDeployment } from '../../../../src/providers/aws/tags';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test("AWS's base image for each Lambda runtime FaaS Lab packages for", () => {
  assert.equal(awsBaseImage('nodejs20.x'), 'public.ecr.aws/lambda/nodejs:20');
  assert.equal(awsBaseImage('nodejs22.x'), 'public.ecr.aws/lambda/nodejs:22');
  assert.equal(awsBaseImage('python3.12'), 'public.ecr.aws/lambda/python:3.12');
  assert.throws(() => awsBaseImage('java21'), /No AWS Lambda base image is known for runtime 'java21'/);
});

test('Node: FROM the AWS base image, code in /var/task, the shim handler as CMD; the tag follows code, base and platform', async () => {
  const spec = fixtureSpec('hello.js', 'hello', { name: 'plan-node', platforms: ['aws'] });
  const artifact = await awsArtifact(spec);
  const plan = await planLambdaImage(spec, artifact, 'index.handler', { architecture: 'x86_64' });
  assert.equal(plan.baseImage, 'public.ecr.aws/lambda/nodejs:20');
  assert.equal(plan.platform, 'linux/amd64');
  assert.equal(
    plan.dockerfile,
    [
      'FROM public.ecr.aws/lambda/nodejs:20',
      `LABEL faaslab.lambda.function="plan-node" faaslab.lambda.codeHash="${artifact.codeHash}"`,
      'COPY . /var/task/',
      'WORKDIR /var/task',
      'CMD ["index.handler"]',
      '',
    ].join('\n'),
  );
  assert.match(plan.tag, /^[0-9a-f]{20}$/);
  const same = await planLambdaImage(spec, artifact, 'index.handler', { architecture: 'x86_64' });
  assert.equal(same.tag, plan.tag, 'same inputs, same tag');
  const arm = await planLambdaImage(spec, artifact, 'index.handler', { architecture: 'arm64' });
  assert.equal(arm.platform, 'linux/arm64');
  assert.notEqual(arm.tag, plan.tag);
  const otherBase = await planLambdaImage(spec, artifact, 'index.handler', { architecture: 'x86_64', nodeImage: 'my/node-lambda:1' });
  assert.ok(otherBase.dockerfile.startsWith('FROM my/node-lambda:1\n'));
  assert.notEqual(otherBase.tag, plan.tag);
  const otherCode = await planLambdaImage(spec, { ...artifact, codeHash: 'f'.repeat(64) }, 'index.handler', { architecture: 'x86_64' });
  assert.notEqual(otherCode.tag, plan.tag);
});

test('Python: requirements are installed into /var/task; the pythonImage setting replaces the base', async () => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'plan-py', platforms: ['aws'], requirements: ['requests==2.32.3'] });
  const artifact = await awsArtifact(spec);
  const plan = await planLambdaImage(spec, { ...artifact, requirements: spec.requirements }, 'faaslab_runtime.lambda_entry', {
    architecture: 'x86_64',
    pythonImage: 'example/python-lambda:3.12',
  });
  const lines = plan.dockerfile.split('\n');
  assert.equal(lines[0], 'FROM example/python-lambda:3.12');
  assert.ok(lines.includes('RUN python3 -m pip install --no-cache-dir --target /var/task -r requirements.txt'));
  assert.equal(lines.at(-2), 'CMD ["faaslab_runtime.lambda_entry"]');
});

test("a Dockerfile in includes_<handler>/ (FaaSET's AWS Docker Debian) is the base; FaaS Lab's lines are appended", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-plan-'));
  dirs.push(dir);
  const file = path.join(dir, 'fn.js');
  writeFileSync(file, 'export function fn() { return 1; }\n');
  mkdirSync(path.join(dir, 'includes_fn'));
  const userDockerfile = 'FROM node:20-slim AS build\nRUN npm install -g aws-lambda-ric\nFROM build\nENTRYPOINT ["npx", "aws-lambda-ric"]\n';
  writeFileSync(path.join(dir, 'includes_fn', 'Dockerfile'), userDockerfile);
  const spec = fixtureSpec('hello.js', 'fn', { file, name: 'plan-user', platforms: ['aws'] });
  const plan = await planLambdaImage(spec, await awsArtifact(spec), 'index.handler', { architecture: 'x86_64', nodeImage: 'ignored/base' });
  assert.equal(plan.baseImage, 'dockerfile:includes_fn/Dockerfile');
  assert.equal(plan.userDockerfile, 'includes_fn/Dockerfile');
  assert.ok(plan.dockerfile.startsWith(userDockerfile.trimEnd() + '\n\n# Added by FaaS Lab'));
  assert.ok(!plan.dockerfile.includes('ignored/base'));
  assert.ok(!plan.dockerfile.includes('ENTRYPOINT []'), "the user's entrypoint (their runtime interface client) stays");
  assert.ok(plan.dockerfile.endsWith('CMD ["index.handler"]\n'));
  // Only images are pulled: not stages, not scratch.
  assert.deepEqual(fromImages(plan.dockerfile), ['node:20-slim']);
  assert.deepEqual(fromImages('FROM --platform=linux/arm64 a/b:1 AS x\nFROM scratch\nFROM x\nfrom c:2\n'), ['a/b:1', 'c:2']);
});

test('ECR repository names: faaslab/<name>, lower case; names that had to change get a hash so they stay apart', () => {
  assert.equal(repositoryName('hello'), 'faaslab/hello');
  assert.equal(repositoryName('hello-fn'), 'faaslab/hello-fn');
  assert.match(repositoryName('Hello'), /^faaslab\/hello-[0-9a-f]{8}$/);
  assert.notEqual(repositoryName('Hello'), repositoryName('HELLO'));
  assert.match(repositoryName('my__fn'), /^faaslab\/my-fn-[0-9a-f]{8}$/);
  for (const name of ['Hello', 'my__fn', '_x_', 'a-b_c']) {
    assert.match(repositoryName(name), /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, name);
  }
});

test("Lambda's configuration of an image function: runtime and language from FaaS Lab's tags, packaging from its tag", () => {
  const config = { FunctionName: 'img', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:img', PackageType: 'Image' as const, MemorySize: 512, Timeout: 30, LastModified: '2026-11-23T10:00:00.000+0000' };
  const tags = { 'faaslab:managed': 'true', 'faaslab:codeHash': 'abc', 'faaslab:runtime': 'python3.12', 'faaslab:language': 'python', 'faaslab:packaging': 'image:0123456789abcdef0123' };
  const d = toDeployment(config, tags)!;
  assert.equal(d.runtime, 'python3.12');
  assert.equal(d.language, 'python');
  assert.equal(d.packaging, 'image:0123456789abcdef0123');
  assert.equal(d.codeHash, 'abc');
  assert.equal(d.memoryMB, 512);
  // Someone else's image function: nothing says what runs in it, so FaaS Lab leaves it out.
  assert.equal(toDeployment(config, {}), undefined);
  // A zip function says zip.
  assert.equal(toDeployment({ ...config, PackageType: 'Zip', Runtime: 'nodejs20.x' }, {})!.packaging, 'zip');
});
