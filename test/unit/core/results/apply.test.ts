// Apply's refusals. FaaS Lab's own platforms only hold functions it deployed, so an unmanaged one
// (a cloud function someone else made) is given as the Deployment a cloud provider returns for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../../src/core/bad-input';
import type { Deployment, Provider } from '../../../../src/core/model';
import { planApply, recommendationsToApply } from '../../../../src/core/results/apply';
import type { Recommendation } from '../../../../src/core/results/recommendation';

const rec = { function: 'resize', platform: 'aws', strategy: 'cost', memoryMB: 512 } as Recommendation;
const deployment = (over: Partial<Deployment>): Deployment => ({ platform: 'aws', name: 'resize', language: 'node', runtime: 'nodejs20.x', memoryMB: 128, timeoutS: 10, codeHash: 'h', updatedAt: '2026-12-01T00:00:00Z', ...over });
const providerWith = (d: Deployment | undefined) => ({ id: 'aws', displayName: 'AWS Lambda', get: async () => d }) as unknown as Provider;

test('apply refuses a function FaaS Lab does not own, and one that is not deployed', async () => {
  await assert.rejects(planApply(providerWith(deployment({ managed: false })), rec), (e: Error) => e instanceof BadInputError && /not deployed by FaaS Lab.*set its memory to 512 MB with the platform's own tools/.test(e.message));
  await assert.rejects(planApply(providerWith(deployment({})), rec), /not deployed by FaaS Lab/);
  await assert.rejects(planApply(providerWith(undefined), rec), /resize is not deployed on AWS Lambda: deploy it first/);
  const plan = await planApply(providerWith(deployment({ managed: true })), rec);
  assert.deepEqual([plan?.fromMB, plan?.toMB], [128, 512]);
  assert.equal(await planApply(providerWith(deployment({ managed: true, memoryMB: 512 })), rec), undefined);
});

test('which recommendation: by platform, with a message when there is none', () => {
  assert.throws(() => recommendationsToApply('r/1', [], undefined), /r\/1 has no memory recommendation/);
  assert.throws(() => recommendationsToApply('r/1', [rec], 'gcp'), /no recommendation for gcp; it has one for aws/);
  assert.deepEqual(recommendationsToApply('r/1', [rec], 'aws'), [rec]);
});
