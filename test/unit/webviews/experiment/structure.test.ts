// The toolkit is deprecated: only src/webviews/experiment/ui/ may import it, so swapping it is
// one folder's work. (ESLint keeps `vscode` out of src/webviews.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('only the experiment editor’s ui/ layer imports @vscode/webview-ui-toolkit', () => {
  const ui = path.join(ROOT, 'webviews/experiment/ui') + path.sep;
  const importers = files(ROOT).filter((f) => /from '@vscode\/webview-ui-toolkit/.test(readFileSync(f, 'utf8')));
  assert.ok(importers.length > 0, 'the ui layer uses the toolkit');
  assert.deepEqual(importers.filter((f) => !f.startsWith(ui)).map((f) => path.relative(ROOT, f)), []);
});
