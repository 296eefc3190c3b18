// What moto needs to run Lambda code (shared/TESTBED.md): a Docker engine at DOCKER_HOST
// (scripts/testbed/dockerd.sh), busybox:latest and the FaaS Lab base images
// (scripts/testbed/base-images.sh), and runtime images that follow the docker-lambda calling
// convention moto uses, built here on top of them (test/fixtures/aws/moto-runtime).
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import * as path from 'node:path';

export const MOTO_LAMBDA_IMAGE = 'faaslab/moto-lambda';
const RUNTIME_DIR = path.resolve(__dirname, '../../../fixtures/aws/moto-runtime');

export type MotoDocker = { env: Record<string, string>; socket: string } | { skip: string };

export async function motoDocker(): Promise<MotoDocker> {
  const host = process.env.DOCKER_HOST;
  if (!host?.startsWith('unix://')) {
    return { skip: 'set DOCKER_HOST=unix://… to a running engine (eval "$(scripts/testbed/dockerd.sh start)"; export DOCKER_HOST) to run Lambda code through moto' };
  }
  const socket = host.slice('unix://'.length);
  const ping = await dockerApi(socket, 'GET', '/_ping').catch((err: Error) => ({ status: 0, body: err.message }));
  if (ping.status !== 200) return { skip: `the Docker engine at ${host} does not answer (${ping.body}): start it with scripts/testbed/dockerd.sh start` };
  for (const image of ['busybox:latest', 'faaslab/node:20', 'faaslab/python:3']) {
    const found = await dockerApi(socket, 'GET', `/images/${encodeURIComponent(image)}/json`);
    if (found.status !== 200) return { skip: `image ${image} is missing: build it with DOCKER_HOST=${host} scripts/testbed/base-images.sh` };
  }
  for (const [runtime, dockerfile] of [
    ['nodejs20.x', 'Dockerfile.node'],
    ['python3.12', 'Dockerfile.python'],
  ]) {
    const build = spawnSync('docker', ['build', '-q', '-f', dockerfile, '-t', `${MOTO_LAMBDA_IMAGE}:${runtime}`, '.'], {
      cwd: RUNTIME_DIR,
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`docker build of ${MOTO_LAMBDA_IMAGE}:${runtime} failed:\n${build.stderr || build.error?.message}`);
  }
  return { socket, env: { DOCKER_HOST: host, MOTO_DOCKER_NETWORK_MODE: 'host', MOTO_DOCKER_LAMBDA_IMAGE: MOTO_LAMBDA_IMAGE } };
}

/** moto keeps each code zip in a volume named by its SHA-256 (hex); these remove them afterwards. */
export async function removeVolume(socket: string, name: string): Promise<void> {
  await dockerApi(socket, 'DELETE', `/volumes/${name}?force=true`);
}

/** The names of the engine's volumes (to remove those a test made when their names are not known up front). */
export async function listVolumes(socket: string): Promise<string[]> {
  const res = await dockerApi(socket, 'GET', '/volumes');
  return ((JSON.parse(res.body) as { Volumes?: { Name: string }[] | null }).Volumes ?? []).map((v) => v.Name);
}

function dockerApi(socket: string, method: string, apiPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, method, path: apiPath, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
