import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UserError, type ArtifactFile, type FunctionSpec } from '../model';
import { collectIncludes, exists } from './includes';
import { notebookModuleName, notebookModuleSource } from './notebook';
import { checkPythonSyntax } from './python-syntax';
import { saafPythonFiles } from './saaf';

export const PYTHON_SHIM = 'faaslab_runtime.py';
/** The names of the functions a handler calls through stubs (FaaSET references), read by the shim. */
export const PYTHON_REFERENCES = 'faaslab_references.json';

/**
 * A Python handler ships as source: the shim, the handler's module, `includes_<name>/`
 * (FaaSET's convention) and the listed includes, with requirements.txt.
 */
export async function collectPythonFiles(spec: FunctionSpec, runtimeDir: string): Promise<ArtifactFile[]> {
  const dir = path.dirname(spec.file);
  // A notebook ships only the handler's own function, as a module of its own.
  const source = spec.file.endsWith('.ipynb') ? Buffer.from(await notebookModuleSource(spec.file, spec.handler)) : await fs.readFile(spec.file);
  await checkPythonSyntax(spec.file, source);
  const files: ArtifactFile[] = [
    { path: PYTHON_SHIM, data: await fs.readFile(path.join(runtimeDir, 'python', PYTHON_SHIM)) },
    { path: `${pythonModuleName(spec.file)}.py`, data: source },
  ];
  const includes = [...spec.includes];
  const faasetFolder = `includes_${spec.handler}`;
  if (!includes.includes(faasetFolder) && (await exists(path.join(dir, faasetFolder)))) includes.push(faasetFolder);
  for (const rel of includes) files.push(...(await collectIncludes(dir, rel)));
  // FaaSET notebook files import FaaSET (and FaaSETUI) for their decorators and cells; ship the stand-ins unless the user bundles their own.
  for (const module of ['FaaSET', 'FaaSETUI']) {
    const imported = new RegExp(`^\\s*(?:import\\s+${module}|from\\s+${module}\\s+import)\\b`, 'm').test(source.toString('utf8'));
    if (imported && !(await exists(path.join(dir, `${module}.py`)))) {
      files.push({ path: `${module}.py`, data: await fs.readFile(path.join(runtimeDir, 'python', `${module}.py`)) });
    }
  }
  files.push(...(await saafPythonFiles(source.toString('utf8'), dir, spec.handler, runtimeDir)));
  // FaaSET references: the shim replaces each name in the handler's module with a context.invoke stub.
  if (spec.references?.length) files.push({ path: PYTHON_REFERENCES, data: Buffer.from(JSON.stringify(spec.references)) });
  if (spec.requirements.length > 0) {
    files.push({ path: 'requirements.txt', data: Buffer.from(spec.requirements.join('\n') + '\n') });
  }
  return files;
}

export function pythonModuleName(file: string): string {
  if (file.endsWith('.ipynb')) return notebookModuleName(file);
  return path.basename(file).replace(/\.py$/, '');
}

/** The file each Functions host loads first; FaaS Lab generates it, so a handler cannot be named so. */
const CLOUD_PY_ENTRY = { gcp: 'main.py', azure: 'function_app.py' } as const;
/** What the host needs installed besides the handler's requirements. */
const CLOUD_PY_REQUIREMENT = { gcp: 'functions-framework>=3,<4', azure: 'azure-functions' } as const;

/**
 * Google runs `<entry point>` from main.py under the Functions Framework; Azure indexes the
 * FunctionApp in function_app.py (v2 model). Both generated files only hand the user's
 * module.function to the adapter (faaslab_gcp.py / faaslab_azure.py) beside the shim.
 */
export async function pythonCloudFiles(target: 'gcp' | 'azure', spec: FunctionSpec, runtimeDir: string, files: ArtifactFile[]): Promise<{ files: ArtifactFile[]; entry: string }> {
  const entry = CLOUD_PY_ENTRY[target];
  if (path.basename(spec.file) === entry) {
    throw new UserError(
      `${entry} is the file ${target === 'gcp' ? 'Google Cloud Functions' : 'Azure Functions'} loads, and FaaS Lab generates it to call your handler: rename ${spec.file} (e.g. to handler.py) and deploy again`,
    );
  }
  const adapter = `faaslab_${target}.py`;
  const handlerSpec = `${pythonModuleName(spec.file)}.${spec.handler}`;
  const source =
    target === 'gcp'
      ? `import faaslab_gcp\n\n${spec.handler} = faaslab_gcp.http_function(${JSON.stringify(handlerSpec)})\n`
      : `import faaslab_azure\n\napp = faaslab_azure.function_app(${JSON.stringify(handlerSpec)}, ${JSON.stringify(spec.name)})\n`;
  const requirements = [CLOUD_PY_REQUIREMENT[target], ...spec.requirements];
  const out = files.filter((f) => f.path !== 'requirements.txt');
  out.push(
    { path: adapter, data: await fs.readFile(path.join(runtimeDir, 'python', adapter)) },
    { path: entry, data: Buffer.from(source) },
    { path: 'requirements.txt', data: Buffer.from(requirements.join('\n') + '\n') },
  );
  if (target === 'azure') out.push(azureHostJson());
  return { files: out, entry };
}

/** host.json of an Azure Functions app: runtime version 2.0, routes under /api. */
export function azureHostJson(): ArtifactFile {
  const host = { version: '2.0', logging: { logLevel: { default: 'Information' } }, extensionBundle: { id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' } };
  return { path: 'host.json', data: Buffer.from(JSON.stringify(host, null, 2) + '\n') };
}
