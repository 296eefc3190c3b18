// Against a real Google Cloud project, only when asked: FAASLAB_GCP_LIVE=1 with Application
// Default Credentials that can mint identity tokens (a service-account key, or gcloud ADC),
// FAASLAB_GCP_PROJECT (else the ADC project) and FAASLAB_GCP_REGION (default us-central1).
// Functions are named faaslab-live-<random> and deleted at the end. Costs a few cents at most.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment } from '../../../../src/core/model';
import { GcpFunctionsProvider } from '../../../../src/providers/gcp';
import { fixtureSpec, gcpArtifact } from './harness';

const live = process.env.FAASLAB_GCP_LIVE === '1';

test('live Google Cloud Functions: deploy, invoke with metrics, configure memory, list, logs, delete (Node and Python)', { timeout: 1_800_000, skip: live ? false : 'set FAASLAB_GCP_LIVE=1 with Google ADC to run' }, async () => {
  const provider = new GcpFunctionsProvider({ project: process.env.FAASLAB_GCP_PROJECT, region: process.env.FAASLAB_GCP_REGION || 'us-central1' });
  const deployed: Deployment[] = [];
  try {
    const readiness = await provider.readiness();
    assert.equal(readiness.ready, true, JSON.stringify(readiness));
    const suffix = Math.random().toString(36).slice(2, 8);
    for (const file of ['hello.js', 'hello.py']) {
      const spec = fixtureSpec(file, 'hello', { name: `faaslab-live-${suffix}-${file.endsWith('.py') ? 'py' : 'js'}`, platforms: ['gcp'] });
      const d = await provider.deploy(spec, await gcpArtifact(spec));
      deployed.push(d);
      const first = await provider.invoke(d, { name: 'Ada' });
      assert.equal(first.status, 'ok', first.error?.message);
      assert.equal((first.result as { message: string }).message, 'Hello, Ada!');
      assert.equal(first.metrics.newcontainer, 1);
      const bigger = await provider.configure(d, { memoryMB: 512 });
      assert.equal(bigger.memoryMB, 512);
      assert.equal((await provider.invoke(bigger, {})).metrics.functionMemory, 512);
      assert.ok((await provider.list()).some((x) => x.name === d.name));
      await provider.logs(d, { limit: 20 });
    }
  } finally {
    for (const d of deployed) await provider.remove(d).catch(() => undefined);
    await provider.dispose();
  }
});
