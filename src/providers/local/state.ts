// The local platform's persistent state: one folder per function under <stateDir>/functions,
// holding deployment.json, the current code folder and logs.jsonl. Deployments survive restarts;
// instances do not (they live in memory), so the first call after a restart is cold.
import { statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UserError, type Artifact, type Deployment, type Language } from '../../core/model';
import { BadInputError } from '../../core/bad-input';
import { makeStateSubdir } from '../../core/state-dir';
import { isValidFunctionName } from '../shared/names';

/** What deployment.json holds: the Deployment as list()/get() report it, and how to start it. */
export interface StoredFunction {
  deployment: Deployment;
  /** `depsDir`: the cache folder of a Python function's installed requirements (its PYTHONPATH). */
  artifact: { entry: string; handler: string; language: Language; runtime: string; depsDir?: string };
}

/** A StoredFunction with where its code is and when its record last changed. */
export interface CurrentFunction extends StoredFunction {
  codeDir: string;
  recordMtimeMs: number;
}

const RECORD = 'deployment.json';

export class LocalState {
  constructor(readonly stateDir: string) {}

  functionDir(name: string): string {
    if (!isValidFunctionName(name)) {
      throw new BadInputError(`'${name}' cannot be a local function name: use letters, digits, '-', '_' and '.', starting with a letter or digit`);
    }
    return path.join(this.stateDir, 'functions', name);
  }

  codeDir(name: string, codeHash: string): string {
    return path.join(this.functionDir(name), `code-${codeHash.slice(0, 16)}`);
  }

  /** Creates the function's folder (owner only; .faaslab/ with its .gitignore first: what is in there holds values a repository must not get). */
  makeFunctionDir(name: string): Promise<void> {
    makeStateSubdir(this.functionDir(name));
    return Promise.resolve();
  }

  logFile(name: string): string {
    return path.join(this.functionDir(name), 'logs.jsonl');
  }

  /** Writes the artifact's files into the code folder, unless that code is there already. */
  async writeCode(name: string, artifact: Artifact): Promise<string> {
    const dir = this.codeDir(name, artifact.codeHash);
    if (await exists(path.join(dir, artifact.entry))) return dir;
    // Written beside and renamed, so a crash never leaves a half-written code folder in use.
    const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
    for (const file of artifact.files) {
      const target = path.join(staging, ...file.path.split('/'));
      if (!target.startsWith(staging + path.sep)) throw new Error(`Artifact file ${file.path} points outside its folder`);
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await fs.writeFile(target, file.data, { mode: file.mode ?? 0o644 });
    }
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(staging, dir);
    return dir;
  }

  async write(stored: StoredFunction): Promise<void> {
    const file = path.join(this.functionDir(stored.deployment.name), RECORD);
    const tmp = `${file}.${process.pid}.tmp`;
    // Owner only: it holds the handler's env values.
    await fs.writeFile(tmp, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    await fs.rename(tmp, file);
  }

  async read(name: string): Promise<CurrentFunction | undefined> {
    const file = path.join(this.functionDir(name), RECORD);
    try {
      const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
      const stored = JSON.parse(text) as StoredFunction;
      return { ...stored, codeDir: this.codeDir(name, stored.deployment.codeHash), recordMtimeMs: stat.mtimeMs };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw new UserError(`The local record of '${name}' (${file}) cannot be read (${(err as Error).message}); deploy the function again`);
    }
  }

  /** The record's mtime, read synchronously: the cheap check invoke does on every call. */
  recordMtimeMs(name: string): number | undefined {
    try {
      return statSync(path.join(this.functionDir(name), RECORD)).mtimeMs;
    } catch {
      return undefined;
    }
  }

  async list(): Promise<StoredFunction[]> {
    let names: string[];
    try {
      names = await fs.readdir(path.join(this.stateDir, 'functions'));
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    const found = await Promise.all(names.filter(isValidFunctionName).map((n) => this.read(n).catch(() => undefined)));
    return found.filter((f): f is CurrentFunction => f !== undefined).sort((a, b) => a.deployment.name.localeCompare(b.deployment.name));
  }

  /** Deletes code folders other than the ones listed (the current code and code instances still run). */
  async pruneCode(name: string, keep: Iterable<string>): Promise<void> {
    const dir = this.functionDir(name);
    const kept = new Set([...keep].map((k) => path.basename(k)));
    let entries: string[];
    try {
      entries = await fs.readdir(dir);
    } catch {
      return;
    }
    await Promise.all(
      entries.filter((e) => e.startsWith('code-') && !kept.has(e)).map((e) => fs.rm(path.join(dir, e), { recursive: true, force: true })),
    );
  }

  async remove(name: string): Promise<void> {
    await fs.rm(this.functionDir(name), { recursive: true, force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}
