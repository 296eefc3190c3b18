// Tests of the Docker provider run against a real engine: DOCKER_HOST, the default socket, or the
// testbed's (scripts/testbed/dockerd.sh). Without one, or without the base images, each test is
// skipped and says how to get them. Every function a test deploys is removed after it, and the
// test fails if any of its containers or images is left on the engine.
import Docker from 'dockerode';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Deployment, FunctionSpec } from '../../../../src/core/model';
import { buildArtifact } from '../../../../src/core/packaging';
import { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE, DockerProvider, type DockerProviderOptions } from '../../../../src/providers/docker';
import { fixtureSpec, RUNTIME_DIR } from '../../../fixtures/handlers/artifacts';

const TESTBED_SOCKET = '/tmp/faaslab-dockerd/docker.sock';

/** DOCKER_HOST, else the default socket, else the testbed's socket, else undefined. */
export function engineSocket(): { dockerHost?: string; socketPath?: string } | undefined {
  if (process.env.DOCKER_HOST) return { dockerHost: process.env.DOCKER_HOST };
  for (const socketPath of ['/var/run/docker.sock', TESTBED_SOCKET]) if (existsSync(socketPath)) return { socketPath };
  return undefined;
}

let availability: Promise<string | undefined> | undefined;

/** Why the Docker tests cannot run here, or undefined when they can. */
export function unavailable(): Promise<string | undefined> {
  availability ??= (async () => {
    const where = engineSocket();
    if (!where) return 'no Docker engine: run scripts/testbed/dockerd.sh start';
    const docker = new Docker(where.socketPath ? { socketPath: where.socketPath } : undefined);
    try {
      await docker.ping();
    } catch {
      return 'no Docker engine: run scripts/testbed/dockerd.sh start';
    }
    for (const image of [DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE]) {
      try {
        await docker.getImage(image).inspect();
      } catch {
        return `no ${image} base image on the Docker engine: run scripts/testbed/base-images.sh`;
      }
    }
    return undefined;
  })();
  return availability;
}

export interface Harness {
  provider: DockerProvider;
  docker: Docker;
  /** Deploys fixture `file`'s `handler` under a name unique to this test process. */
  deploy(file: string, handler: string, overrides?: Partial<FunctionSpec>): Promise<Deployment>;
  /** Deploys a spec whose file is anywhere (e.g. a temp folder). */
  deploySpec(spec: FunctionSpec): Promise<Deployment>;
  /** The function's containers on the engine (records and instances), by role. */
  containers(name: string, role?: 'record' | 'instance'): Promise<Docker.ContainerInfo[]>;
  /** The function's tagged images; `all` adds the untagged layers a build leaves under them. */
  images(name: string, all?: boolean): Promise<Docker.ImageInfo[]>;
  /** A unique function name for this test process. */
  unique(name: string): string;
}

/**
 * A DockerProvider on the test engine, or undefined after marking the test skipped. When the test
 * ends, the provider is disposed, its functions removed, and the engine checked for leftovers.
 */
export async function harness(t: TestContext, options: Partial<DockerProviderOptions> = {}): Promise<Harness | undefined> {
  const reason = await unavailable();
  if (reason) {
    t.skip(reason);
    return undefined;
  }
  const where = engineSocket()!;
  const stateDir = mkdtempSync(path.join(tmpdir(), 'faaslab-docker-test-'));
  const provider = new DockerProvider({ ...where, stateDir, keepAliveMs: 60_000, ...options });
  const docker = new Docker(where.socketPath ? { socketPath: where.socketPath } : undefined);
  const deployed = new Set<string>();
  const prefix = `t${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const unique = (name: string) => `${prefix}-${name}`;
  const byLabel = (labels: string[]) => ({ label: labels });
  const h: Harness = {
    provider,
    docker,
    unique,
    async deploy(file, handler, overrides = {}) {
      return h.deploySpec(fixtureSpec(file, handler, { name: unique(handler), platforms: ['docker'], memoryMB: 512, ...overrides }));
    },
    async deploySpec(spec) {
      deployed.add(spec.name);
      return provider.deploy(spec, await buildArtifact(spec, { target: 'docker', runtimeDir: RUNTIME_DIR }));
    },
    async containers(name, role) {
      const labels = [`faaslab.function=${name}`, ...(role ? [`faaslab.role=${role}`] : [])];
      return docker.listContainers({ all: true, filters: byLabel(labels) });
    },
    async images(name, all = false) {
      return docker.listImages({ all, filters: byLabel([`faaslab.function=${name}`]) });
    },
  };
  t.after(async () => {
    await provider.dispose();
    for (const name of deployed) {
      const d = await provider.get(name).catch(() => undefined);
      if (d) await provider.remove(d);
    }
    rmSync(stateDir, { recursive: true, force: true });
    for (const name of deployed) {
      assert.deepEqual(await h.containers(name), [], `${name}: no container is left on the engine`);
      assert.deepEqual(await h.images(name, true), [], `${name}: no image or layer is left on the engine`);
    }
  });
  return h;
}

/** Polls until `check` resolves true or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
