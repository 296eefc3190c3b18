import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fmt, percentile } from './stats';

/**
 * Most of an extension's activation is loading its bundle. This times parsing and evaluating
 * dist/extension.js in a fresh Node process, `vscode` resolving to an empty module (activate()
 * itself only registers providers; the extension logs its real activation time in VS Code's
 * "FaaS Lab" output channel).
 */
export function benchActivation(repo: string): string[] {
  const bundle = path.join(repo, 'dist/extension.js');
  const script = `
    const Module = require('module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: {} };
    const t0 = performance.now();
    require(${JSON.stringify(bundle)});
    process.stdout.write(String(performance.now() - t0));`;
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push(Number(execFileSync(process.execPath, ['-e', script]).toString()));
  return [`extension bundle load (parse + evaluate, fresh process) p50 ${fmt(percentile(times, 50))} over ${times.length} runs; the extension logs its full activation time in the FaaS Lab output channel`];
}
