// Python requirements for a Lambda zip: Lambda does not install requirements.txt, so they are
// installed here into the package, the way AWS documents it — pip with the target's platform
// and Python version, wheels only (no native build on this machine for another one). pip's own
// settings (PIP_INDEX_URL, PIP_FIND_LINKS, pip.conf) apply.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Artifact, ArtifactFile } from '../../core/model';
import { PIP_QUIET, pipInstall } from '../shared/pip';
import type { Architecture } from './context';

/** pip's platform tag for Lambda's Amazon Linux 2023 (glibc 2.34) on each architecture. */
export function pipPlatform(architecture: Architecture): string {
  return architecture === 'arm64' ? 'manylinux2014_aarch64' : 'manylinux2014_x86_64';
}

/** `python3.12` → `3.12`. */
function pythonVersionOf(runtime: string): string {
  const m = /^python(\d+\.\d+)$/.exec(runtime);
  if (!m) throw new Error(`Not a Lambda Python runtime: '${runtime}'`);
  return m[1];
}

/** The pip command line that installs the artifact's requirements for Lambda into `target`. */
export function pipArguments(artifact: Artifact, architecture: Architecture, target: string, requirementsFile: string): string[] {
  return [
    '-m', 'pip', 'install',
    '--target', target,
    '--platform', pipPlatform(architecture),
    '--implementation', 'cp',
    '--python-version', pythonVersionOf(artifact.runtime),
    '--only-binary=:all:',
    '--no-compile',
    ...PIP_QUIET,
    '-r', requirementsFile,
  ];
}

/**
 * Installs the requirements of a Python artifact for Lambda and returns the installed files
 * (paths relative to the package root, beside the handler). None for Node or no requirements.
 */
export async function installPythonRequirements(artifact: Artifact, architecture: Architecture, python = 'python3', signal?: AbortSignal): Promise<ArtifactFile[]> {
  if (artifact.language !== 'python' || artifact.requirements.length === 0) return [];
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'faaslab-lambda-deps-'));
  try {
    const target = path.join(dir, 'target');
    await pipInstall({
      python,
      requirements: artifact.requirements,
      args: (requirementsFile) => pipArguments(artifact, architecture, target, requirementsFile),
      what: `Installing ${artifact.functionName}'s requirements (${artifact.requirements.join(', ')}) for Lambda`,
      advice:
        `FaaS Lab installs wheels for ${pipPlatform(architecture)} and Python ${pythonVersionOf(artifact.runtime)} with ${python} -m pip (PyPI, or PIP_INDEX_URL / PIP_FIND_LINKS). ` +
        'A package with no such wheel installs in a container image instead: deploy with package=image.',
      signal,
    });
    return await readTree(target);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Every file under `root` (no __pycache__), with its mode, sorted for a stable zip. */
async function readTree(root: string): Promise<ArtifactFile[]> {
  const files: ArtifactFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__pycache__') await walk(full);
      } else if (entry.isFile()) {
        const stat = await fs.stat(full);
        files.push({ path: path.relative(root, full).split(path.sep).join('/'), data: await fs.readFile(full), mode: stat.mode & 0o111 ? 0o755 : 0o644 });
      }
    }
  };
  await walk(root).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
