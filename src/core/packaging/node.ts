import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { UserError, type ArtifactFile, type FunctionSpec } from '../model';
import type { PackageTarget } from './runtimes';

/**
 * Bundles a Node handler, its npm dependencies and the runtime shim into one CommonJS file.
 * The generated entry differs per target: the local platform starts the shim's process loop,
 * Lambda gets an exported `handler`.
 */
export async function bundleNodeHandler(spec: FunctionSpec, target: PackageTarget, runtimeDir: string): Promise<ArtifactFile[]> {
  const shim = path.join(runtimeDir, 'node', 'index');
  const fn = `__faaslabModule[${JSON.stringify(spec.handler)}]`;
  const check = `if (typeof ${fn} !== 'function') { throw new Error(${JSON.stringify(
    `FaaS Lab: ${path.basename(spec.file)} does not export a function named '${spec.handler}'`,
  )}); }`;
  const start =
    target === 'local'
      ? `require(${JSON.stringify(shim)}).serveLocal(${fn}, ${JSON.stringify(spec.handler)});`
      : `module.exports.handler = require(${JSON.stringify(shim)}).lambdaHandler(${fn});`;
  const contents = [`const __faaslabModule = require(${JSON.stringify(spec.file)});`, check, start].join('\n');
  let result: esbuild.BuildResult<{ write: false }>;
  try {
    result = await esbuild.build({
      stdin: { contents, resolveDir: path.dirname(spec.file), sourcefile: 'faaslab-entry.js', loader: 'js' },
      absWorkingDir: path.dirname(spec.file),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      write: false,
      outfile: 'index.js',
      sourcemap: 'inline',
      sourcesContent: false,
      // Stack traces then name the handler's own file, not the deployed bundle's folder.
      sourceRoot: path.dirname(spec.file) + path.sep,
      logLevel: 'silent',
      // Native addons cannot be inlined; they must ship beside the bundle.
      external: ['*.node'],
    });
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    const first = failure.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new UserError(
      `Could not bundle ${path.basename(spec.file)}: ${where}${first?.text ?? String(err)}` +
        (first?.text.includes('Could not resolve') ? ' (run npm install next to the handler?)' : ''),
    );
  }
  return result.outputFiles.map((f) => ({ path: path.basename(f.path), data: f.contents }));
}
