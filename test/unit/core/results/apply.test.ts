// Apply's refusals and questions. FaaS Lab's own platforms only hold functions it deployed, so an unmanaged one
// (a cloud function someone else made, or one linked by ARN) is given as the Deployment a cloud provider returns for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, Provider } from '../../../../src/core/model';
import { planApply, recommendationsToApply } from '../../../../src/core/results/apply';
import type { Recommendation } from '../../../../src/core/results/recommendation';

const rec = { function: 'resize', platform: 'aws', strategy: 'cost', memoryMB: 512 } as Recommendation;
const deployment = (over: Partial<Deployment>): Deployment => ({ platform: 'aws', name: 'resize', language: 'node', runtime: 'nodejs20.x', memoryMB: 128, timeoutS: 10, codeHash: 'h', updatedAt: '2026-12-01T00:00:00Z', ...over });
const providerWith = (d: Deployment | undefined) => ({ id: 'aws', displayName: 'AWS Lambda', get: async () => d }) as unknown as Provider;

test('apply asks before changing a function FaaS Lab did not create, and refuses one that is not deployed', async () => {
  for (const managed of [false, undefined]) {
    const unmanaged = await planApply(providerWith(deployment({ managed })), rec);
    assert.equal(unmanaged?.unmanaged, true);
    assert.match(unmanaged!.question, /^resize on AWS Lambda was not created by FaaS Lab\. Set resize on AWS Lambda to 512 MB \(now 128 MB\).*, anyway\?$/);
  }
  await assert.rejects(planApply(providerWith(undefined), rec), /resize is not deployed on AWS Lambda: deploy it first/);
  const plan = await planApply(providerWith(deployment({ managed: true })), rec);
  assert.deepEqual([plan?.fromMB, plan?.toMB, plan?.unmanaged], [128, 512, false]);
  assert.doesNotMatch(plan!.question, /not created/);
  assert.equal(await planApply(providerWith(deployment({ managed: true, memoryMB: 512 })), rec), undefined);
});

test('which recommendation: by platform, with a message when there is none', () => {
  assert.throws(() => recommendationsToApply('r/1', [], undefined), /r\/1 has no memory recommendation/);
  assert.throws(() => recommendationsToApply('r/1', [rec], 'gcp'), /no recommendation for gcp; it has one for aws/);
  assert.deepEqual(recommendationsToApply('r/1', [rec], 'aws'), [rec]);
});
