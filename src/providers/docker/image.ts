// A function's image: the artifact's files on a Node or Python base image, with the runtime
// shim's HTTP server as the command. A Dockerfile in `includes_<name>/` (FaaSET's container
// functions) replaces the base image: its instructions set up the environment, FaaS Lab's
// lines are appended to put the function in it. The build context is made in memory.
import type { Artifact, FunctionSpec } from '../../core/model';
import { findUserDockerfile } from '../shared/docker-engine/images';
import { LABEL, imageRepository, sha256 } from './labels';

export const DEFAULT_NODE_IMAGE = 'faaslab/node:20';
export const DEFAULT_PYTHON_IMAGE = 'faaslab/python:3';

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

function quote(value: string): string {
  return JSON.stringify(value);
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
