import type * as esbuild from 'esbuild';
import * as path from 'node:path';
import { UserError, type ArtifactFile, type FunctionSpec } from '../model';
import { loadEsbuild } from './esbuild';
import type { PackageTarget } from './runtimes';
import { saafNodePlugin } from './saaf';

/**
 * Bundles a Node handler, its npm dependencies and the runtime shim into one CommonJS file.
 * The generated entry differs per target: the local platform starts the shim's process loop,
 * Docker its HTTP server, Lambda gets an exported `handler`.
 */
export async function bundleNodeHandler(spec: FunctionSpec, target: PackageTarget, runtimeDir: string): Promise<{ files: ArtifactFile[]; sources: string[] }> {
  const shim = path.join(runtimeDir, 'node', 'index');
  const fn = `__faaslabModule[${JSON.stringify(spec.handler)}]`;
  const check = `if (typeof ${fn} !== 'function') { throw new Error(${JSON.stringify(
    `FaaS Lab: ${path.basename(spec.file)} does not export a function named '${spec.handler}'`,
  )}); }`;
  const start =
    target === 'local'
      ? `require(${JSON.stringify(shim)}).serveLocal(${fn}, ${JSON.stringify(spec.handler)});`
      : target === 'docker' || target === 'openfaas'
        ? `require(${JSON.stringify(shim)}).serveHttp(${fn}, ${JSON.stringify(spec.handler)});`
        : target === 'gcp' || target === 'azure'
          ? cloudHttpEntry(target, fn, spec, runtimeDir)
          : `module.exports.handler = require(${JSON.stringify(shim)}).lambdaHandler(${fn});`;
  const contents = [`const __faaslabModule = require(${JSON.stringify(spec.file)});`, check, start].join('\n');
  const { api } = await loadEsbuild();
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await api.build({
      stdin: { contents, resolveDir: path.dirname(spec.file), sourcefile: ENTRY_NAME, loader: 'js' },
      absWorkingDir: path.dirname(spec.file),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      write: false,
      metafile: true,
      outfile: 'index.js',
      sourcemap: 'inline',
      sourcesContent: false,
      // Stack traces then name the handler's own file, not the deployed bundle's folder.
      sourceRoot: path.dirname(spec.file) + path.sep,
      logLevel: 'silent',
      plugins: [saafNodePlugin(runtimeDir)],
      // Native addons cannot be inlined; they must ship beside the bundle. The Functions hosts
      // provide their own frameworks (see cloudHttpEntry).
      external: ['*.node', ...(CLOUD_EXTERNALS[target] ?? [])],
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
  const files = result.outputFiles.map((f) => ({ path: path.basename(f.path), data: f.contents }));
  return { files, sources: sourcesOf(Object.keys(result.metafile.inputs), path.dirname(spec.file), runtimeDir) };
}

/** The name esbuild gives the generated entry (stdin) in messages and inputs. */
const ENTRY_NAME = 'faaslab-entry.js';

/** The workspace files among esbuild's inputs (relative to the handler's folder), absolute; not the entry or the shims. */
function sourcesOf(inputs: string[], baseDir: string, runtimeDir: string): string[] {
  const shims = path.resolve(runtimeDir) + path.sep;
  return inputs.filter((input) => input !== ENTRY_NAME && !input.startsWith('<')).map((input) => path.resolve(baseDir, input)).filter((abs) => !abs.startsWith(shims)).sort();
}

/** Modules the cloud's runtime provides: Google's buildpack installs the Functions Framework, the Azure host injects its core API. */
const CLOUD_EXTERNALS: Partial<Record<PackageTarget, string[]>> = {
  gcp: ['@google-cloud/functions-framework'],
  azure: ['@azure/functions-core'],
};

/**
 * Google: the handler is exported and registered with the Functions Framework under its own
 * name (the function's entry point). Azure: it is registered as an HTTP trigger named after
 * the function (v4 programming model).
 */
function cloudHttpEntry(target: 'gcp' | 'azure', fn: string, spec: FunctionSpec, runtimeDir: string): string {
  const adapter = JSON.stringify(path.join(runtimeDir, 'node', target));
  const handlerName = JSON.stringify(spec.handler);
  if (target === 'azure') return `require(${adapter}).registerAzureHttp(${fn}, ${JSON.stringify(spec.name)});`;
  return [
    `const __faaslabEntry = require(${adapter}).gcpHttpFunction(${fn}, ${handlerName});`,
    `module.exports[${handlerName}] = __faaslabEntry;`,
    // The exported function alone also serves; the declarative registration is what getTestServer and newer frameworks look up.
    `try { require('@google-cloud/functions-framework').http(${handlerName}, __faaslabEntry); } catch (e) { if (!e || e.code !== 'MODULE_NOT_FOUND') throw e; }`,
  ].join('\n');
}

/**
 * package.json beside the bundle: Google's buildpack installs what it lists (the Functions
 * Framework) and starts `main`; Azure's host reads `main` to find the registered triggers.
 */
export function nodeCloudManifest(target: 'gcp' | 'azure', spec: FunctionSpec): ArtifactFile {
  const pkg = {
    name: `faaslab-${spec.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    ...(target === 'gcp' ? { dependencies: { '@google-cloud/functions-framework': '^5.0.0' } } : { dependencies: {} }),
  };
  return { path: 'package.json', data: Buffer.from(JSON.stringify(pkg, null, 2) + '\n') };
}
