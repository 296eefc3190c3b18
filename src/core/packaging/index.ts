import * as path from 'node:path';
import type { Artifact, ArtifactFile, FunctionSpec } from '../model';
import { defaultRuntimeDir } from '../runtime/location';
import { hashArtifact } from './hash';
import { collectIncludes } from './includes';
import { bundleNodeHandler, nodeCloudManifest } from './node';
import { PYTHON_SHIM, azureHostJson, collectPythonFiles, pythonCloudFiles, pythonModuleName } from './python';
import { runtimeFor, type PackageTarget } from './runtimes';

export { packageTargetFor, type PackageTarget } from './runtimes';
export { zipArtifact } from './zip';

export interface PackageOptions {
  target: PackageTarget;
  /** Folder with the runtime shims; defaults to the one shipped with this build. */
  runtimeDir?: string;
}

/** FunctionSpec -> deployable files plus the content hash that decides whether to deploy. */
export async function buildArtifact(spec: FunctionSpec, options: PackageOptions): Promise<Artifact> {
  const runtimeDir = options.runtimeDir ?? defaultRuntimeDir();
  const runtime = runtimeFor(options.target, spec.language);
  let files: ArtifactFile[];
  let entry: string;
  let handler: string;
  const dir = path.dirname(spec.file);
  const sources = new Set<string>([spec.file]);
  if (spec.language === 'node') {
    const bundle = await bundleNodeHandler(spec, options.target, runtimeDir);
    files = bundle.files;
    for (const source of bundle.sources) sources.add(source);
    for (const rel of spec.includes) {
      const included = await collectIncludes(dir, rel);
      for (const f of included) sources.add(path.join(dir, f.path));
      files.push(...included);
    }
    entry = 'index.js';
    handler = 'index.handler';
  } else {
    files = await collectPythonFiles(spec, runtimeDir);
    // The handler and its includes sit under their paths from its folder; the generated files'
    // paths there name no file (and if one appears, say FaaSET.py, packaging changes: rightly so).
    for (const f of files) sources.add(path.join(dir, f.path));
    entry = PYTHON_SHIM;
    // The shim imports the user's module.function named here (FAASLAB_HANDLER at run time).
    handler = `${pythonModuleName(spec.file)}.${spec.handler}`;
  }
  if (options.target === 'gcp' || options.target === 'azure') {
    // Google's entry point is the handler's name; Azure's HTTP trigger is named after the function.
    handler = options.target === 'gcp' ? spec.handler : spec.name;
    if (spec.language === 'node') {
      files.push(nodeCloudManifest(options.target, spec));
      if (options.target === 'azure') files.push(azureHostJson());
    } else {
      ({ files, entry } = await pythonCloudFiles(options.target, spec, runtimeDir, files));
    }
  }
  return {
    functionName: spec.name,
    language: spec.language,
    runtime,
    entry,
    handler,
    files,
    codeHash: hashArtifact(files, [options.target, runtime, entry, handler, spec.handler]),
    requirements: spec.requirements,
    sources: [...sources].sort(),
  };
}
