// SAAF's Inspector without shipping SAAF: handlers that import it get FaaS Lab's SAAF-compatible
// modules (src/core/runtime/python/SAAF.py, Inspector.py; src/core/runtime/node/saaf-inspector.ts),
// unless the user has their own, which then ships in their place.
import type * as esbuild from 'esbuild';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ArtifactFile } from '../model';
import { exists } from './includes';

/** SAAF's module (FaaSET's `from SAAF import Inspector`) and its older name (`from Inspector import *`). */
const SAAF_PY_MODULES = ['SAAF.py', 'Inspector.py'] as const;
const IMPORTS_SAAF_PY = /^\s*(?:from\s+(?:SAAF|Inspector)\s+import|import\s+(?:SAAF|Inspector)\b)/m;

/**
 * SAAF.py and Inspector.py for a Python handler that imports either, at the package's top level
 * (where FaaSET's build puts SAAF.py): the user's own from beside the handler or from
 * `includes_<handler>/`, else FaaS Lab's.
 */
export async function saafPythonFiles(source: string, handlerDir: string, handler: string, runtimeDir: string): Promise<ArtifactFile[]> {
  if (!IMPORTS_SAAF_PY.test(source)) return [];
  const files: ArtifactFile[] = [];
  for (const name of SAAF_PY_MODULES) {
    const candidates = [path.join(handlerDir, name), path.join(handlerDir, `includes_${handler}`, name)];
    let own: string | undefined;
    for (const candidate of candidates) if (own === undefined && (await exists(candidate))) own = candidate;
    files.push({ path: name, data: await fs.readFile(own ?? path.join(runtimeDir, 'python', name)) });
  }
  return files;
}

const NODE_INSPECTOR = /^\.\/Inspector(?:\.js)?$/;
const OWN_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];

/**
 * esbuild plugin: `require('./Inspector')` (SAAF's Node convention) resolves to FaaS Lab's
 * Inspector when no Inspector.js (or .ts) sits beside the file that requires it.
 */
export function saafNodePlugin(runtimeDir: string): esbuild.Plugin {
  return {
    name: 'faaslab-saaf-inspector',
    setup(build) {
      build.onResolve({ filter: NODE_INSPECTOR }, (args) => {
        const own = path.join(args.resolveDir, 'Inspector');
        if (existsSync(path.join(args.resolveDir, args.path)) || OWN_EXTENSIONS.some((ext) => existsSync(own + ext))) return undefined;
        const base = path.join(runtimeDir, 'node', 'saaf-inspector');
        // From source the module is TypeScript; a bundled build ships it compiled.
        const file = ['.js', '.ts'].map((ext) => base + ext).find((f) => existsSync(f));
        return file === undefined ? undefined : { path: file };
      });
    },
  };
}
