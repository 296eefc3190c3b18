// The composition the extension and CLI use: cloud providers load on first use, and what they
// offer beyond the interface's required methods (logs, packaging) is still reachable through it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { BadInputError } from '../../../src/core/bad-input';
import { createProviders } from '../../../src/providers';
import { awsArtifact, fixtureSpec } from '../../fixtures/aws/artifacts';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-lazy-'));
after(() => rmSync(root, { recursive: true, force: true }));

test("through the lazy wrapper: AWS's packaging() (zip or the image's tag, per package= and faasLab.aws.packageType), GCP's and Azure's memoryFor()", async () => {
  const registry = createProviders({ root, aws: { region: 'us-east-1', packageType: 'image' } });
  try {
    const aws = registry.get('aws');
    assert.equal(typeof aws.packaging, 'function');
    assert.equal(typeof aws.logs, 'function');
    const spec = fixtureSpec('hello.js', 'hello', { name: 'lazy-pkg', platforms: ['aws'] });
    const artifact = await awsArtifact(spec);
    assert.match(await aws.packaging!(spec, artifact), /^image:[0-9a-f]{20}$/, 'the setting makes image the default');
    assert.equal(await aws.packaging!({ ...spec, package: 'zip' }, artifact), 'zip', 'package= wins over the setting');
    // Platforms that ship one way only have no packaging().
    assert.equal(registry.get('local').packaging, undefined);
    assert.equal(registry.get('gcp').packaging, undefined);
    // Platforms with fixed memory sizes say which one a request gets.
    assert.equal(registry.get('gcp').memoryFor!(300), 512);
    assert.equal(registry.get('azure').memoryFor!(1000), 2048);
    assert.equal(registry.get('aws').memoryFor, undefined);
  } finally {
    await registry.dispose();
  }
});

test("through the lazy wrapper: each platform's payload size check refuses an over-size payload before anything is sent", async () => {
  const registry = createProviders({ root, aws: { region: 'us-east-1' } });
  try {
    const big = { blob: 'x'.repeat(7 * 1024 * 1024) };
    for (const id of ['local', 'aws'] as const) {
      const provider = registry.get(id);
      const d = { name: 'lazy-size', platform: id, memoryMB: 128, timeoutS: 3 } as Parameters<NonNullable<typeof provider.checkPayload>>[0];
      assert.throws(() => provider.checkPayload!(d, big), (err: Error) => err instanceof BadInputError && /over the 6 MB .* limit of a request on /.test(err.message), id);
      assert.doesNotThrow(() => provider.checkPayload!(d, { small: true }), id);
    }
  } finally {
    await registry.dispose();
  }
});
