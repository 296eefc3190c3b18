// Chart.js belongs to the results webview's bundle only: the extension host never loads it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import EXTERNALS from '../../../../bundle-externals.json';
import * as esbuild from 'esbuild';

const REPO = path.resolve(__dirname, '../../../..');

async function inputs(entry: string, platform: 'node' | 'browser'): Promise<string[]> {
  const result = await esbuild.build({
    absWorkingDir: REPO,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform,
    format: platform === 'node' ? 'cjs' : 'iife',
    mainFields: platform === 'node' ? ['module', 'main'] : undefined,
    external: EXTERNALS,
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const isChartJs = (file: string) => file.includes('node_modules/chart.js/') || file.includes('node_modules/@kurkle/');

test('Chart.js is in the results webview bundle and not in the extension host bundle', async () => {
  const webview = await inputs('src/webviews/results/main.ts', 'browser');
  assert.ok(webview.some(isChartJs));
  // From src/core it takes only the pure formatting module every surface shares and the view's data types (with the list of compared metrics).
  const shared = ['src/core/format.ts', 'src/core/results/view/types.ts'];
  assert.deepEqual(webview.filter((f) => f.startsWith('src/extension/') || (f.startsWith('src/core/') && !shared.includes(f))), [], 'the webview bundle holds no host code');
  const host = await inputs('src/extension/extension.ts', 'node');
  assert.deepEqual(host.filter(isChartJs), []);
  assert.ok(!host.includes('src/webviews/results/main.ts'));
});
