// A function's OpenFaaS image: the shared function image (the shim's HTTP server on port 8080,
// where OpenFaaS sends calls and health probes), built on the Docker engine, tagged
// `<registry>/faaslab-fn/<service>:<hash>` and pushed to the registry the gateway pulls from.
import type Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError, type Artifact, type FunctionSpec } from '../../core/model';
import { functionDockerfile } from '../shared/docker-engine/function-image';
import { followStream } from '../shared/docker-engine/images';


/** Labels of the images built for OpenFaaS (not the Docker platform's: removing one never touches the other's). */
export const IMAGE_LABEL = { function: 'faaslab.openfaas.function', codeHash: 'faaslab.openfaas.codeHash' } as const;

export interface OpenFaasImagePlan {
  /** `<registry>/faaslab-fn/<service>:<hash>`: the same code, base and Dockerfile give the same name. */
  image: string;
  repository: string;
  tag: string;
  dockerfile: string;
  baseImage: string;
  userDockerfile?: string;
}

export async function planOpenFaasImage(spec: FunctionSpec, artifact: Artifact, service: string, registry: string, baseImage: string): Promise<OpenFaasImagePlan> {
  const labels = () => ({ [IMAGE_LABEL.function]: spec.name, [IMAGE_LABEL.codeHash]: artifact.codeHash });
  const planned = await functionDockerfile(spec, artifact, baseImage, labels);
  const tag = createHash('sha256').update(JSON.stringify([artifact.codeHash, planned.dockerfile])).digest('hex').slice(0, 16);
  const repository = `${registry.replace(/\/+$/, '')}/faaslab-fn/${service}`;
  return { image: `${repository}:${tag}`, repository, tag, ...planned };
}

export interface PushLogin {
  username?: string;
  password?: string;
  serveraddress: string;
}

/** The registry's login from Docker's config.json (`docker login` writes `auths.<host>.auth`), or none. */
export function registryLogin(registry: string, env: NodeJS.ProcessEnv = process.env): PushLogin {
  const host = registry.split('/')[0];
  const file = path.join(env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'config.json');
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, { auth?: string }> };
    const entry = Object.entries(config.auths ?? {}).find(([key]) => key.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === host)?.[1];
    if (entry?.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: host };
    }
  } catch {
    // No Docker config: push without a login, as to a local registry.
  }
  return { serveraddress: host };
}

/** Pushes the plan's image from the engine to its registry. */
export async function pushImage(docker: Docker, plan: OpenFaasImagePlan, login: PushLogin, signal?: AbortSignal): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.getImage(plan.repository).push({ tag: plan.tag, authconfig: login, ...(signal ? { abortSignal: signal } : {}) });
  } catch (err) {
    throw pushFailed(plan, login, (err as Error).message);
  }
  const failure = await followStream(docker, stream);
  if (failure !== undefined) throw pushFailed(plan, login, failure);
}

function pushFailed(plan: OpenFaasImagePlan, login: PushLogin, failure: string): UserError {
  const auth = /denied|unauthorized|authentication required/i.test(failure) ? ` Log in to it (docker login ${login.serveraddress}).` : '';
  const unreachable = /connection refused|no such host|dial tcp|timeout/i.test(failure)
    ? ` Is the registry running there? Set faasLab.openfaas.registry to the registry your gateway pulls from (e.g. 127.0.0.1:5000 for a local registry).`
    : '';
  return new UserError(`Pushing ${plan.image} failed: ${failure.split('\n')[0]}.${auth}${unreachable}`);
}
