import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Folder holding the runtime shims (`node/`, `python/`). Bundled builds ship them in
 * dist/runtime beside extension.js and cli.js; from source they sit next to this file.
 */
export function defaultRuntimeDir(): string {
  const bundled = path.join(__dirname, 'runtime');
  if (existsSync(path.join(bundled, 'node'))) return bundled;
  return __dirname;
}
