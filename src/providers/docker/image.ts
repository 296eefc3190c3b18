// A function's image: the artifact's files on a Node or Python base image, with the runtime
// shim's HTTP server as the command. A Dockerfile in `includes_<name>/` (FaaSET's container
// functions) replaces the base image: its instructions set up the environment, FaaS Lab's
// lines are appended to put the function in it. The build context is made in memory.
import type Docker from 'dockerode';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { UserError, type Artifact, type FunctionSpec } from '../../core/model';
import { LABEL, imageRepository, sha256 } from './labels';
import { tarArchive, type TarEntry } from './tar';

export const DEFAULT_NODE_IMAGE = 'faaslab/node:20';
export const DEFAULT_PYTHON_IMAGE = 'faaslab/python:3';

/** The generated Dockerfile's name in the build context (and in /function, where it is harmless). */
const DOCKERFILE = 'Dockerfile.faaslab';
const WORKDIR = '/function';

export interface ImagePlan {
  /** `faaslab-fn/<name>:<hash>`: the same code, base and Dockerfile give the same tag. */
  tag: string;
  /** The base image named in settings, or `dockerfile:<path>` when the user's Dockerfile is used. */
  baseImage: string;
  dockerfile: string;
  /** Where the user's Dockerfile came from, when there is one. */
  userDockerfile?: string;
}

/** Decides what to build: reads `includes_<handler>/Dockerfile` (or `includes_<name>/`) when there is one. */
export async function planImage(spec: FunctionSpec, artifact: Artifact, baseImage: string): Promise<ImagePlan> {
  const user = await findUserDockerfile(spec, artifact);
  const base = user ? `dockerfile:${user.where}` : baseImage;
  const lines = user ? [user.text.trimEnd(), '', '# Added by FaaS Lab: the function and its HTTP entry point.'] : [`FROM ${baseImage}`];
  // The labels come first, in one instruction: every layer after them is this function's own, so
  // removing another function (which prunes its untagged layers) never takes a layer this build
  // stands on. Few instructions: the classic builder commits a layer for each, a quarter second apiece.
  const labels = { [LABEL.managed]: 'true', [LABEL.function]: spec.name, [LABEL.codeHash]: artifact.codeHash, [LABEL.language]: artifact.language, [LABEL.baseImage]: base };
  lines.push(`LABEL ${Object.entries(labels).map(([k, v]) => `${k}=${quote(v)}`).join(' ')}`);
  lines.push(`WORKDIR ${WORKDIR}`, `COPY . ${WORKDIR}/`);
  if (artifact.language === 'python' && artifact.requirements.length > 0) lines.push('RUN python3 -m pip install --no-cache-dir -r requirements.txt');
  const env = artifact.language === 'python' ? `FAASLAB_HANDLER=${quote(artifact.handler)} PYTHONUNBUFFERED=1 ` : '';
  lines.push(`ENV ${env}FAASLAB_FUNCTION_NAME=${quote(spec.name)}`);
  // The user's base may start with its own entrypoint; the function's command must run as it is.
  if (user) lines.push('ENTRYPOINT []');
  lines.push(`CMD ${JSON.stringify(command(artifact))}`, '');
  const dockerfile = lines.join('\n');
  const tag = `${imageRepository(spec.name)}:${sha256(JSON.stringify([artifact.codeHash, dockerfile])).slice(0, 16)}`;
  return { tag, baseImage: base, dockerfile, userDockerfile: user?.where };
}

/** How the container starts the shim's HTTP server. */
function command(artifact: Artifact): string[] {
  return artifact.language === 'node' ? ['node', '--enable-source-maps', artifact.entry] : ['python3', '-u', artifact.entry, '--http'];
}

/** FaaSET's container functions: `includes_<handler>/Dockerfile` (or `includes_<name>/`), shipped in the artifact or beside the handler. */
export async function findUserDockerfile(spec: FunctionSpec, artifact: Artifact): Promise<{ text: string; where: string } | undefined> {
  const folders = [...new Set([`includes_${spec.handler}`, `includes_${spec.name}`])];
  for (const folder of folders) {
    const shipped = artifact.files.find((f) => f.path === `${folder}/Dockerfile`);
    if (shipped) return { text: Buffer.from(shipped.data).toString('utf8'), where: `${folder}/Dockerfile` };
  }
  // Node artifacts are one bundle: the includes folder is not in them, so look beside the handler.
  for (const folder of folders) {
    const file = path.join(path.dirname(spec.file), folder, 'Dockerfile');
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return { text, where: `${folder}/Dockerfile` };
  }
  return undefined;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

/** Whether the engine has the image (by name or id). */
export async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/** What to tell a user whose base image is missing: the engine builds offline from local images only. */
export function missingBaseImageMessage(image: string, language: 'node' | 'python', engine: string): string {
  const setting = language === 'node' ? 'faasLab.docker.nodeImage' : 'faasLab.docker.pythonImage';
  const stock = language === 'node' ? 'node:20-slim' : 'python:3.12-slim';
  return (
    `The base image ${image} for ${language === 'node' ? 'Node' : 'Python'} functions is not on the Docker engine at ${engine}. ` +
    `Pull one (docker pull ${stock}) and set ${setting} to it, or build ${image} offline with FaaS Lab's scripts/testbed/base-images.sh.`
  );
}

/** Builds the plan's image from the artifact; resolves once the engine has tagged it. */
export async function buildImage(
  docker: Docker,
  plan: Pick<ImagePlan, 'tag' | 'dockerfile' | 'userDockerfile'>,
  artifact: Artifact,
  signal?: AbortSignal,
  options: { platform?: string } = {},
): Promise<void> {
  const entries: TarEntry[] = artifact.files.map((f) => ({ path: f.path, data: f.data, mode: f.mode }));
  entries.push({ path: DOCKERFILE, data: Buffer.from(plan.dockerfile) });
  const build: Docker.ImageBuildOptions = { t: plan.tag, dockerfile: DOCKERFILE, rm: true, forcerm: true, pull: false };
  if (options.platform) build.platform = options.platform;
  if (signal) build.abortSignal = signal;
  const stream = await docker.buildImage(Readable.from([tarArchive(entries)]), build);
  const output: string[] = [];
  const failure = await followStream(docker, stream, (event) => {
    if (event.stream) output.push(...event.stream.split('\n').filter((l) => l.trim() !== ''));
  });
  if (failure === undefined) return;
  const base = /pull access denied|repository does not exist|not found|No such image/i.test(failure) ? ' The image in FROM must already be on the engine: no registry is used for building.' : '';
  const from = plan.userDockerfile ? ` (${plan.userDockerfile} with FaaS Lab's lines appended)` : '';
  throw new UserError(`Building the image of ${artifact.functionName}${from} failed: ${failure}.${base}\nLast build output:\n${output.slice(-10).join('\n')}`);
}

/** One event of the engine's build, pull or push stream. */
export interface StreamEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** Follows a build, pull or push stream to its end; resolves with the first error it reports, if any. */
export function followStream(docker: Docker, stream: NodeJS.ReadableStream, onEvent?: (event: StreamEvent) => void): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve(failure)),
      (event: StreamEvent) => {
        if (event.error && failure === undefined) failure = event.errorDetail?.message ?? event.error;
        onEvent?.(event);
      },
    );
  });
}
