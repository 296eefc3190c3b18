// Against a real Azure subscription, only when asked: FAASLAB_AZURE_LIVE=1 with credentials
// DefaultAzureCredential finds (az login, or a service principal in the environment), and
// FAASLAB_AZURE_SUBSCRIPTION, FAASLAB_AZURE_RESOURCE_GROUP, FAASLAB_AZURE_REGION (one with
// Flex Consumption), FAASLAB_AZURE_STORAGE (an account in that group). Apps are deleted at the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment } from '../../../../src/core/model';
import { buildArtifact } from '../../../../src/core/packaging';
import { AzureFunctionsProvider } from '../../../../src/providers/azure';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';

const live = process.env.FAASLAB_AZURE_LIVE === '1';

test('live Azure Functions (Flex Consumption): deploy, invoke with metrics, change instance memory, list, delete', { timeout: 1_800_000, skip: live ? false : 'set FAASLAB_AZURE_LIVE=1 with Azure credentials and settings to run' }, async () => {
  const env = process.env;
  const provider = new AzureFunctionsProvider({
    subscriptionId: env.FAASLAB_AZURE_SUBSCRIPTION,
    resourceGroup: env.FAASLAB_AZURE_RESOURCE_GROUP,
    region: env.FAASLAB_AZURE_REGION,
    storageAccount: env.FAASLAB_AZURE_STORAGE,
  });
  const deployed: Deployment[] = [];
  try {
    const readiness = await provider.readiness();
    assert.equal(readiness.ready, true, JSON.stringify(readiness));
    const spec = fixtureSpec('hello.js', 'hello', { name: `faaslab-live-${Math.random().toString(36).slice(2, 8)}`, memoryMB: 2048, platforms: ['azure'] });
    const d = await provider.deploy(spec, await buildArtifact(spec, { target: 'azure', runtimeDir: RUNTIME_DIR }));
    deployed.push(d);
    const first = await provider.invoke(d, { name: 'Ada' });
    assert.equal(first.status, 'ok', first.error?.message);
    assert.equal((first.result as { message: string }).message, 'Hello, Ada!');
    const smaller = await provider.configure(d, { memoryMB: 512 });
    assert.equal(smaller.memoryMB, 512);
    assert.ok((await provider.list()).some((x) => x.name === d.name));
  } finally {
    for (const d of deployed) await provider.remove(d).catch(() => undefined);
  }
});
