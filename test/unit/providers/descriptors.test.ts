// Each platform's descriptor states its capabilities once: they must be what its provider has,
// or the lazy wrapper would offer a method the platform lacks (or hide one it has).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { awsPlatform } from '../../../src/providers/aws';
import { azurePlatform } from '../../../src/providers/azure';
import { dockerPlatform } from '../../../src/providers/docker';
import { gcpPlatform } from '../../../src/providers/gcp';
import { localPlatform } from '../../../src/providers/local';
import { openfaasPlatform } from '../../../src/providers/openfaas';
import type { PlatformDescriptor } from '../../../src/providers/shared/descriptor';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-descriptors-'));
after(() => rmSync(root, { recursive: true, force: true }));

const descriptors: PlatformDescriptor[] = [localPlatform, dockerPlatform, awsPlatform, gcpPlatform, azurePlatform, openfaasPlatform];

for (const descriptor of descriptors) {
  test(`${descriptor.id}: the descriptor's id, name and capabilities are its provider's`, async () => {
    const provider = descriptor.load(undefined, root);
    try {
      assert.equal(provider.id, descriptor.id);
      assert.equal(provider.displayName, descriptor.displayName);
      assert.deepEqual(
        { logs: typeof provider.logs === 'function', packaging: typeof provider.packaging === 'function', memorySizes: typeof provider.memoryFor === 'function' },
        descriptor.capabilities,
      );
    } finally {
      await provider.dispose?.();
    }
  });
}

test('no platform loads at start: each loads its code (the local one too) and SDKs on first use', () => {
  assert.deepEqual(
    descriptors.filter((d) => d.eager).map((d) => d.id),
    [],
  );
});
