// Lambda container images (FaaSET's "AWS Docker"): the artifact's files in /var/task of one of
// AWS's Lambda base images (their runtime interface client calls the handler named by CMD), or of
// the user's own Dockerfile from `includes_<name>/`. Built on the Docker engine, pushed to ECR.
import type Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { UserError, type Artifact, type FunctionSpec, type Language } from '../../core/model';
import { findUserDockerfile, followStream, imageExists } from '../shared/docker-engine/images';
import type { Architecture } from './context';

/** Where Lambda mounts the code of zip functions; AWS's base images load handlers from here too. */
export const TASK_ROOT = '/var/task';

const LABEL = { function: 'faaslab.lambda.function', codeHash: 'faaslab.lambda.codeHash' } as const;

export interface LambdaImagePlan {
  /** Content tag: the same code, Dockerfile and platform give the same tag, so ECR tells whether to push. */
  tag: string;
  dockerfile: string;
  /** The FROM image, or `dockerfile:<path>` when the user's Dockerfile is used. */
  baseImage: string;
  userDockerfile?: string;
  /** `linux/amd64` or `linux/arm64`, after faasLab.aws.architecture. */
  platform: string;
}

/**
 * AWS's base image for a Lambda runtime identifier: `nodejs20.x` → `public.ecr.aws/lambda/nodejs:20`,
 * `python3.12` → `public.ecr.aws/lambda/python:3.12`.
 */
export function awsBaseImage(runtime: string): string {
  const node = /^nodejs(\d+)\.x$/.exec(runtime);
  if (node) return `public.ecr.aws/lambda/nodejs:${node[1]}`;
  const python = /^python(\d+\.\d+)$/.exec(runtime);
  if (python) return `public.ecr.aws/lambda/python:${python[1]}`;
  throw new Error(`No AWS Lambda base image is known for runtime '${runtime}'`);
}

export function platformOf(architecture: Architecture): string {
  return architecture === 'arm64' ? 'linux/arm64' : 'linux/amd64';
}

export interface ImageSettings {
  /** faasLab.aws.nodeImage / pythonImage; empty: AWS's base image for the runtime. */
  nodeImage?: string;
  pythonImage?: string;
  architecture: Architecture;
}

/** What to build for this function; `handler` is Lambda's handler string (the image's CMD). */
export async function planLambdaImage(spec: FunctionSpec, artifact: Artifact, handler: string, settings: ImageSettings): Promise<LambdaImagePlan> {
  const user = await findUserDockerfile(spec, artifact);
  const base = baseImageFor(artifact.language, artifact.runtime, settings);
  const lines = user
    ? [user.text.trimEnd(), '', '# Added by FaaS Lab: the function, and the handler for the runtime interface client.']
    : [`FROM ${base}`];
  lines.push(`LABEL ${LABEL.function}=${JSON.stringify(spec.name)} ${LABEL.codeHash}=${JSON.stringify(artifact.codeHash)}`);
  lines.push(`COPY . ${TASK_ROOT}/`, `WORKDIR ${TASK_ROOT}`);
  if (artifact.language === 'python' && artifact.requirements.length > 0) {
    // Lambda adds /var/task to sys.path: packages installed there are importable.
    lines.push(`RUN python3 -m pip install --no-cache-dir --target ${TASK_ROOT} -r requirements.txt`);
  }
  // AWS's base images (and awslambdaric in the user's) take the handler as their command.
  lines.push(`CMD ${JSON.stringify([handler])}`, '');
  const dockerfile = lines.join('\n');
  const platform = platformOf(settings.architecture);
  const tag = createHash('sha256').update(JSON.stringify([artifact.codeHash, dockerfile, platform])).digest('hex').slice(0, 20);
  return { tag, dockerfile, baseImage: user ? `dockerfile:${user.where}` : base, userDockerfile: user?.where, platform };
}

function baseImageFor(language: Language, runtime: string, settings: ImageSettings): string {
  const chosen = language === 'node' ? settings.nodeImage : settings.pythonImage;
  return chosen || awsBaseImage(runtime);
}

/** The images a Dockerfile starts from (every stage's FROM that names an image, not a stage). */
export function fromImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!m) continue;
    if (!stages.has(m[1].toLowerCase()) && !m[1].includes('$') && m[1].toLowerCase() !== 'scratch' && !images.includes(m[1])) images.push(m[1]);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return images;
}

/**
 * Pulls the base images the engine does not have yet (AWS's from the public ECR gallery, no login),
 * for the function's platform. Images already on the engine are used as they are.
 */
export async function ensureBaseImages(
  docker: Docker,
  plan: LambdaImagePlan,
  language: Language,
  signal?: AbortSignal,
  onPull?: (image: string) => void,
): Promise<string[]> {
  const pulled: string[] = [];
  for (const image of fromImages(plan.dockerfile)) {
    if (await imageExists(docker, image)) continue;
    onPull?.(image);
    try {
      const stream = await docker.pull(image, { platform: plan.platform, ...(signal ? { abortSignal: signal } : {}) });
      const failure = await followStream(docker, stream);
      if (failure !== undefined) throw new Error(failure);
    } catch (err) {
      const setting = language === 'node' ? 'faasLab.aws.nodeImage' : 'faasLab.aws.pythonImage';
      throw new UserError(
        `The base image ${image} is not on the Docker engine and pulling it failed (${(err as Error).message.split('\n')[0]}): ` +
          `pull it yourself (docker pull --platform ${plan.platform} ${image}), or set ${setting} to an image the engine has.`,
      );
    }
    pulled.push(image);
  }
  return pulled;
}
