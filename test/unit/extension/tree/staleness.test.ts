// The Functions view's "code changed" marker: the workspace's code is packaged again only when a
// file it was made from changes — the handler, a module it imports, an include — and then
// compared with what the platform runs.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { deployIfChanged } from '../../../../src/core/functions/deploy';
import { resolveFunctionRef } from '../../../../src/core/functions/find';
import { workspaceCodeDiffers } from '../../../../src/extension/tree/staleness';
import { LocalProvider } from '../../../../src/providers/local';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-stale-'));
const provider = new LocalProvider({ stateDir: path.join(work, 'state') });
after(async () => {
  await provider.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** Rewrites a file with a new modification time (a second later than any before: coarse file systems). */
let tick = Date.now() / 1000 + 10;
function edit(file: string, from: string, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  tick += 1;
  utimesSync(file, tick, tick);
}

test('a change in an imported module or an include marks the deployed function as changed; undoing it clears the mark', async () => {
  const dir = path.join(work, 'fn');
  cpSync(path.resolve(__dirname, '../../../fixtures/packaging/with-dep'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'util.ts'), 'export const width = 8;\n');
  const file = path.join(dir, 'handler.ts');
  edit(file, "import { pad } from 'leftpad-lite';", "import { pad } from 'leftpad-lite';\nimport { width } from './util';");
  edit(file, "pad(request.text ?? 'x', 8)", "pad(request.text ?? 'x', width)");
  const { deployment } = await deployIfChanged(await resolveFunctionRef(`${file}:padded`), provider);
  assert.equal(await workspaceCodeDiffers(provider, deployment), false);

  edit(path.join(dir, 'util.ts'), 'width = 8', 'width = 9');
  assert.equal(await workspaceCodeDiffers(provider, deployment), true, 'only the imported module changed');
  edit(path.join(dir, 'util.ts'), 'width = 9', 'width = 8');
  assert.equal(await workspaceCodeDiffers(provider, deployment), false);

  edit(path.join(dir, 'node_modules/leftpad-lite/index.js'), "'.'", "'-'");
  assert.equal(await workspaceCodeDiffers(provider, deployment), true, 'a dependency changed in place');
  edit(path.join(dir, 'node_modules/leftpad-lite/index.js'), "'-'", "'.'");

  edit(path.join(dir, 'data.txt'), readFileSync(path.join(dir, 'data.txt'), 'utf8'), 'other data');
  assert.equal(await workspaceCodeDiffers(provider, deployment), true, 'an include changed');
});

test('no source recorded, or the source gone: the mark is unknown, not a guess', async () => {
  const dir = path.join(work, 'gone');
  cpSync(path.resolve(__dirname, '../../../fixtures/packaging/with-dep'), dir, { recursive: true });
  const { deployment } = await deployIfChanged(await resolveFunctionRef(`${path.join(dir, 'handler.ts')}:padded`), provider);
  assert.equal(await workspaceCodeDiffers(provider, { ...deployment, sourceFile: undefined }), undefined);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(await workspaceCodeDiffers(provider, deployment), undefined);
});
