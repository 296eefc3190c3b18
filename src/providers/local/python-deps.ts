// Python requirements on the local platform: installed once per requirements set (and Python
// version) into a cache folder that every function with the same set shares, and put on the
// instance's PYTHONPATH. The folder only ever appears whole (installed beside it, then renamed),
// so a killed install never leaves one that counts as done.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { makeStateSubdir } from '../../core/state-dir';
import { PIP_QUIET, pipInstall } from '../shared/pip';

export class PythonDepsCache {
  /** Installs under way in this process, by cache folder: concurrent deploys of one set share one. */
  private readonly pending = new Map<string, Promise<string>>();
  private version: Promise<string> | undefined;

  /** `root` is e.g. `<workspace>/.faaslab/local/python-deps`; `python` is the interpreter instances run. */
  constructor(private readonly root: string, private readonly python: string) {}

  /** The cache folder holding `requirements` (installed now if missing), or undefined when there are none. */
  async folderFor(functionName: string, requirements: string[], signal?: AbortSignal): Promise<string | undefined> {
    const lines = [...new Set(requirements.map((r) => r.trim()).filter(Boolean))].sort();
    if (lines.length === 0) return undefined;
    const version = await this.pythonVersion();
    const dir = path.join(this.root, createHash('sha256').update([...lines, `python ${version}`].join('\n')).digest('hex'));
    if (await isDir(dir)) return dir;
    let install = this.pending.get(dir);
    if (!install) {
      install = this.install(dir, functionName, lines, version, signal).finally(() => this.pending.delete(dir));
      this.pending.set(dir, install);
    }
    return install;
  }

  private async install(dir: string, functionName: string, lines: string[], version: string, signal?: AbortSignal): Promise<string> {
    makeStateSubdir(this.root);
    const staging = `${dir}.partial-${randomUUID()}`;
    try {
      await pipInstall({
        python: this.python,
        requirements: lines,
        args: (requirementsFile) => ['-m', 'pip', 'install', '--target', staging, ...PIP_QUIET, '-r', requirementsFile],
        what: `Installing ${functionName}'s requirements (${lines.join(', ')}) for the local platform (Python ${version})`,
        advice:
          `Check the requirement names and versions. FaaS Lab runs ${this.python} -m pip install --target, so pip's settings apply: ` +
          'a private index goes in PIP_INDEX_URL or pip.conf; offline, set PIP_FIND_LINKS to a folder of wheels (and PIP_NO_INDEX=1). ' +
          'Another Python is chosen with faasLab.local.pythonPath.',
        signal,
      });
      await fs.rename(staging, dir).catch(async (err: NodeJS.ErrnoException) => {
        // Another process installed the same set first: its folder is as good as ours.
        if ((err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') || !(await isDir(dir))) throw err;
      });
      return dir;
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  }

  /** `3.12.3`: packages built for one Python may not import in another, so the version is part of the key. */
  private pythonVersion(): Promise<string> {
    this.version ??= new Promise((resolve) => {
      execFile(this.python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { timeout: 10_000 }, (err, stdout) =>
      {
        // An interpreter that cannot run gets its error from pip, with the advice, just after; asked again next time.
        if (err) this.version = undefined;
        resolve(err ? 'unknown' : stdout.trim());
      });
    });
    return this.version;
  }
}

async function isDir(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isDirectory(), () => false);
}
