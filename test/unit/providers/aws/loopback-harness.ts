// The provider against the loopback Lambda API (test/fixtures/aws/lambda-api), with short waits.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Deployment, FunctionSpec } from '../../../../src/core/model';
import { AwsLambdaProvider, type AwsLambdaProviderOptions } from '../../../../src/providers/aws';
import { awsArtifact, fixtureSpec } from '../../../fixtures/aws/artifacts';
import { LambdaApi, TEST_CREDENTIALS, type Behaviour, type RecordedRequest } from '../../../fixtures/aws/lambda-api/server';
import { isolateAwsEnv } from './env';

export const ROLE = 'arn:aws:iam::123456789012:role/faaslab-test';
export const FAST = { pollMs: 5, maxPollMs: 20, maxWaitMs: 5_000, roleWaitMs: 2_000 };

export interface Loopback {
  api: LambdaApi;
  provider: AwsLambdaProvider;
  deploy(file: string, handler: string, overrides?: Partial<FunctionSpec>): Promise<Deployment>;
}

export async function loopback(t: TestContext, behaviour: Partial<Behaviour> = {}, options: AwsLambdaProviderOptions = {}): Promise<Loopback> {
  isolateAwsEnv(TEST_CREDENTIALS);
  const api = new LambdaApi(behaviour);
  const endpoint = await api.start();
  const provider = new AwsLambdaProvider({ region: 'us-east-1', endpoint, roleArn: ROLE, timing: FAST, ...options });
  t.after(async () => {
    await provider.dispose();
    await api.close();
  });
  return {
    api,
    provider,
    async deploy(file, handler, overrides = {}) {
      const spec = fixtureSpec(file, handler, { platforms: ['aws'], ...overrides });
      return provider.deploy(spec, await awsArtifact(spec));
    },
  };
}

/** The request was signed with SigV4 by the test credentials for this service and region, and the server's own check passed. */
export function assertSigned(req: RecordedRequest, service: string, region = 'us-east-1'): void {
  const auth = String(req.headers.authorization);
  assert.ok(auth.startsWith(`AWS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/`), auth);
  assert.match(auth, new RegExp(`/${region}/${service}/aws4_request, ?SignedHeaders=`));
  assert.match(String(req.headers['x-amz-date']), /^\d{8}T\d{6}Z$/);
  assert.equal(req.sig.ok, true, req.sig.problem);
}
