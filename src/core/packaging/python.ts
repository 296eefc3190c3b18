import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ArtifactFile, FunctionSpec } from '../model';
import { collectIncludes, exists } from './includes';

export const PYTHON_SHIM = 'faaslab_runtime.py';

/**
 * A Python handler ships as source: the shim, the handler's module, `includes_<name>/`
 * (FaaSET's convention) and the listed includes, with requirements.txt.
 */
export async function collectPythonFiles(spec: FunctionSpec, runtimeDir: string): Promise<ArtifactFile[]> {
  const dir = path.dirname(spec.file);
  const source = await fs.readFile(spec.file);
  const files: ArtifactFile[] = [
    { path: PYTHON_SHIM, data: await fs.readFile(path.join(runtimeDir, 'python', PYTHON_SHIM)) },
    { path: path.basename(spec.file), data: source },
  ];
  const includes = [...spec.includes];
  const faasetFolder = `includes_${spec.handler}`;
  if (!includes.includes(faasetFolder) && (await exists(path.join(dir, faasetFolder)))) includes.push(faasetFolder);
  for (const rel of includes) files.push(...(await collectIncludes(dir, rel)));
  // FaaSET notebook files import FaaSET for their decorators; ship its stand-in unless the user bundles their own.
  if (/^\s*(?:import\s+FaaSET|from\s+FaaSET\s+import)\b/m.test(source.toString('utf8')) && !(await exists(path.join(dir, 'FaaSET.py')))) {
    files.push({ path: 'FaaSET.py', data: await fs.readFile(path.join(runtimeDir, 'python', 'FaaSET.py')) });
  }
  if (spec.requirements.length > 0) {
    files.push({ path: 'requirements.txt', data: Buffer.from(spec.requirements.join('\n') + '\n') });
  }
  return files;
}

export function pythonModuleName(file: string): string {
  return path.basename(file).replace(/\.py$/, '');
}
