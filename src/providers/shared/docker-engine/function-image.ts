// The Dockerfile of a function image whose command is the runtime shim's HTTP server (POST /
// calls the handler on $PORT, default 8080): the artifact's files on a Node or Python base image,
// or appended to the user's Dockerfile from `includes_<name>/` (FaaSET's container functions).
// The Docker platform runs these images itself; OpenFaaS runs them behind its gateway.
import type { Artifact, FunctionSpec } from '../../../core/model';
import { findUserDockerfile } from './images';

/** Base images with `node` and `python3` on their PATH, built offline by scripts/testbed/base-images.sh. */
export const DEFAULT_NODE_IMAGE = 'faaslab/node:20';
export const DEFAULT_PYTHON_IMAGE = 'faaslab/python:3';

const WORKDIR = '/function';

export interface FunctionDockerfile {
  dockerfile: string;
  /** The base image given, or `dockerfile:<path>` when the user's Dockerfile is used. */
  baseImage: string;
  /** Where the user's Dockerfile came from, when there is one. */
  userDockerfile?: string;
}

/**
 * `labels(base)` are the image's labels, given the base it ends up on; `env` is added to the
 * image's environment (the shim reads FAASLAB_* from it).
 */
export async function functionDockerfile(
  spec: FunctionSpec,
  artifact: Artifact,
  baseImage: string,
  labels: (base: string) => Record<string, string>,
  env: Record<string, string> = {},
): Promise<FunctionDockerfile> {
  const user = await findUserDockerfile(spec, artifact);
  const base = user ? `dockerfile:${user.where}` : baseImage;
  const lines = user ? [user.text.trimEnd(), '', '# Added by FaaS Lab: the function and its HTTP entry point.'] : [`FROM ${baseImage}`];
  // The labels come first, in one instruction: every layer after them is this function's own, so
  // removing another function (which prunes its untagged layers) never takes a layer this build
  // stands on. Few instructions: the classic builder commits a layer for each, a quarter second apiece.
  lines.push(`LABEL ${Object.entries(labels(base)).map(([k, v]) => `${k}=${quote(v)}`).join(' ')}`);
  lines.push(`WORKDIR ${WORKDIR}`, `COPY . ${WORKDIR}/`);
  if (artifact.language === 'python' && artifact.requirements.length > 0) lines.push('RUN python3 -m pip install --no-cache-dir -r requirements.txt');
  const python = artifact.language === 'python' ? `FAASLAB_HANDLER=${quote(artifact.handler)} PYTHONUNBUFFERED=1 ` : '';
  const more = Object.entries({ FAASLAB_FUNCTION_NAME: spec.name, ...env }).map(([k, v]) => `${k}=${quote(v)}`);
  lines.push(`ENV ${python}${more.join(' ')}`);
  // The user's base may start with its own entrypoint; the function's command must run as it is.
  if (user) lines.push('ENTRYPOINT []');
  lines.push(`CMD ${JSON.stringify(shimCommand(artifact))}`, '');
  return { dockerfile: lines.join('\n'), baseImage: base, userDockerfile: user?.where };
}

/** How the container starts the shim's HTTP server. */
export function shimCommand(artifact: Artifact): string[] {
  return artifact.language === 'node' ? ['node', '--enable-source-maps', artifact.entry] : ['python3', '-u', artifact.entry, '--http'];
}

function quote(value: string): string {
  return JSON.stringify(value);
}
