// Against a real AWS account, only when asked: FAASLAB_AWS_LIVE=1 plus credentials (env or a
// profile: AWS_PROFILE / FAASLAB_AWS_PROFILE), region from AWS_REGION or FAASLAB_AWS_REGION,
// optionally FAASLAB_AWS_ROLE_ARN (else FaaS Lab's own role is found or created). Functions are
// named faaslab-live-<random> and deleted at the end (the image test also deletes its ECR
// repository; it needs a Docker engine). Costs a few cents at most.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { AwsLambdaProvider } from '../../../../src/providers/aws';
import type { Deployment } from '../../../../src/core/model';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';

const SKIP = 'set FAASLAB_AWS_LIVE=1 with AWS credentials to run';

function credentialsPresent(): boolean {
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.FAASLAB_AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  return existsSync(env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(homedir(), '.aws', 'credentials')) || existsSync(env.AWS_CONFIG_FILE ?? path.join(homedir(), '.aws', 'config'));
}

const live = process.env.FAASLAB_AWS_LIVE === '1' && credentialsPresent();

test('live AWS Lambda: deploy, cold then warm invoke with REPORT fields, configure, list, logs, delete (Node and Python)', { timeout: 600_000 }, async (t) => {
  if (!live) {
    t.skip(SKIP);
    return;
  }
  const provider = new AwsLambdaProvider({
    region: process.env.FAASLAB_AWS_REGION,
    profile: process.env.FAASLAB_AWS_PROFILE,
    roleArn: process.env.FAASLAB_AWS_ROLE_ARN,
    confirmCreateRole: async () => true,
  });
  const deployed: Deployment[] = [];
  try {
    const readiness = await provider.readiness();
    assert.equal(readiness.ready, true, JSON.stringify(readiness));
    const suffix = Math.random().toString(36).slice(2, 8);
    for (const [file, handler] of [
      ['hello.js', 'hello'],
      ['hello.py', 'hello'],
    ] as const) {
      const spec = fixtureSpec(file, handler, { name: `faaslab-live-${suffix}-${file.replace('.', '-')}`, platforms: ['aws'] });
      const d = await provider.deploy(spec, await awsArtifact(spec));
      deployed.push(d);
      assert.match(d.endpoint!, /^arn:aws[\w-]*:lambda:/);

      const cold = await provider.invoke(d, { name: 'Ada' });
      assert.equal(cold.status, 'ok', cold.error?.message);
      assert.equal((cold.result as { message: string }).message, 'Hello, Ada!');
      assert.equal(cold.cold, true);
      assert.ok(cold.metrics.initDurationMs! > 0);
      assert.ok(cold.metrics.billedDurationMs! >= 1);
      assert.ok(cold.metrics.maxMemoryUsedMB! > 0);
      assert.equal(cold.metrics.newcontainer, 1);

      const warm = await provider.invoke(d, {});
      assert.equal(warm.cold, false);
      assert.equal(warm.metrics.newcontainer, 0);

      const bigger = await provider.configure(d, { memoryMB: 256 });
      assert.equal(bigger.memoryMB, 256);
      const after = await provider.invoke(bigger, {});
      assert.equal(after.metrics.functionMemory, 256);
      assert.equal(after.cold, true, 'a configuration change means new execution environments');
    }
    const listed = await provider.list();
    for (const d of deployed) assert.equal(listed.find((x) => x.name === d.name)?.managed, true);
    // CloudWatch Logs takes a few seconds to show new events.
    let lines: { message: string }[] = [];
    for (let i = 0; i < 20 && !lines.some((l) => l.message.startsWith('REPORT')); i++) {
      await new Promise((r) => setTimeout(r, 3_000));
      lines = await provider.logs(deployed[0], { limit: 20 });
    }
    assert.ok(lines.some((l) => l.message.startsWith('REPORT')), 'REPORT lines in CloudWatch Logs');
  } finally {
    for (const d of deployed) await provider.remove(d);
    await provider.dispose();
  }
});

test('live AWS Lambda container image: build on the Docker engine, push to ECR, deploy, cold invoke, delete with its repository', { timeout: 900_000 }, async (t) => {
  if (!live) {
    t.skip(SKIP);
    return;
  }
  // Docker at DOCKER_HOST or the usual socket; AWS's base image is pulled from public.ecr.aws.
  const provider = new AwsLambdaProvider({
    region: process.env.FAASLAB_AWS_REGION,
    profile: process.env.FAASLAB_AWS_PROFILE,
    roleArn: process.env.FAASLAB_AWS_ROLE_ARN,
    confirmCreateRole: async () => true,
    packageType: 'image',
  });
  let deployed: Deployment | undefined;
  try {
    const readiness = await provider.readiness();
    if (!readiness.ready && /Docker engine/.test(readiness.message)) {
      t.skip(`no Docker engine to build the image: ${readiness.message}`);
      return;
    }
    assert.equal(readiness.ready, true, JSON.stringify(readiness));
    const spec = fixtureSpec('hello.js', 'hello', { name: `faaslab-live-img-${Math.random().toString(36).slice(2, 8)}`, platforms: ['aws'] });
    deployed = await provider.deploy(spec, await awsArtifact(spec));
    assert.match(deployed.packaging ?? '', /^image:/);
    const cold = await provider.invoke(deployed, { name: 'Ada' });
    assert.equal(cold.status, 'ok', cold.error?.message);
    assert.equal((cold.result as { message: string }).message, 'Hello, Ada!');
    assert.equal(cold.cold, true);
    assert.ok(cold.metrics.initDurationMs! > 0);
    assert.equal((await provider.list()).find((x) => x.name === deployed!.name)?.packaging, deployed.packaging);
  } finally {
    if (deployed) await provider.remove(deployed);
    await provider.dispose();
  }
});
