// A function's image on the Docker platform: the shared function image (the artifact on a base
// image or the user's Dockerfile, the shim's HTTP server as its command) with the Docker
// platform's labels, tagged by content. The build context is made in memory.
import type { Artifact, FunctionSpec } from '../../core/model';
import { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE, functionDockerfile } from '../shared/docker-engine/function-image';
import { LABEL, imageRepository, sha256 } from './labels';

export { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE };

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
  const labels = (base: string) => ({ [LABEL.managed]: 'true', [LABEL.function]: spec.name, [LABEL.codeHash]: artifact.codeHash, [LABEL.language]: artifact.language, [LABEL.baseImage]: base });
  const planned = await functionDockerfile(spec, artifact, baseImage, labels);
  const tag = `${imageRepository(spec.name)}:${sha256(JSON.stringify([artifact.codeHash, planned.dockerfile])).slice(0, 16)}`;
  return { tag, ...planned };
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
