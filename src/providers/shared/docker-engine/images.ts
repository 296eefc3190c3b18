// What every platform that builds on a Docker engine (Docker, AWS Lambda container images) does
// with images: find a FaaSET Dockerfile, check an image is there, build one from an artifact in
// memory, and follow the engine's build, pull and push streams.
import type Docker from 'dockerode';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { UserError, type Artifact, type FunctionSpec } from '../../../core/model';
import { tarArchive, type TarEntry } from './tar';

/** The generated Dockerfile's name in the build context (and in /function, where it is harmless). */
const DOCKERFILE = 'Dockerfile.faaslab';

/** What buildImage needs of a plan: the tag, the Dockerfile, and the user's Dockerfile it came from. */
export interface BuildPlan {
  tag: string;
  dockerfile: string;
  userDockerfile?: string;
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

/** Builds the plan's image from the artifact; resolves once the engine has tagged it. */
export async function buildImage(
  docker: Docker,
  plan: BuildPlan,
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
