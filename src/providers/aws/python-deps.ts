// Python requirements for a Lambda zip: Lambda does not install requirements.txt, so they are
// installed here into the package, the way AWS documents it — pip with the target's platform
// and Python version, wheels only (no native build on this machine for another one). pip's own
// settings (PIP_INDEX_URL, PIP_FIND_LINKS, pip.conf) apply.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UserError, type Artifact, type ArtifactFile } from '../../core/model';
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
    '--disable-pip-version-check',
    '--no-input',
    '-r', requirementsFile,
  ];
}

/**
 * Installs the requirements of a Python artifact for Lambda and returns the installed files
 * (paths relative to the package root, beside the handler). None for Node or no requirements.
 */
export async function installPythonRequirements(artifact: Artifact, architecture: Architecture, python = 'python3', signal?: AbortSignal): Promise<ArtifactFile[]> {
  if (artifact.language !== 'python' || artifact.requirements.length === 0) return [];
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'faaslab-pip-'));
  try {
    const requirementsFile = path.join(dir, 'requirements.txt');
    await fs.writeFile(requirementsFile, artifact.requirements.join('\n') + '\n');
    const target = path.join(dir, 'target');
    const result = await run(python, pipArguments(artifact, architecture, target, requirementsFile), signal);
    signal?.throwIfAborted();
    if (result.code !== 0) {
      const tail = result.output.trim().split('\n').slice(-6).join('\n');
      throw new UserError(
        `Installing ${artifact.functionName}'s requirements (${artifact.requirements.join(', ')}) for Lambda failed: pip ${result.code === undefined ? `could not start (${result.error})` : `exited with ${result.code}`}.\n${tail}\n` +
          `FaaS Lab installs wheels for ${pipPlatform(architecture)} and Python ${pythonVersionOf(artifact.runtime)} with ${python} -m pip (PyPI, or PIP_INDEX_URL / PIP_FIND_LINKS). ` +
          'A package with no such wheel installs in a container image instead: deploy with package=image.',
      );
    }
    return await readTree(target);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], signal?: AbortSignal): Promise<{ code?: number; error?: string; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (err) => resolve({ error: err.message, output }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
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
