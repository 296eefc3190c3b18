// Which Docker engine the provider talks to, and whether it answers: an explicit socket path or
// host wins, then DOCKER_HOST, then the platform's default socket.
import Docker from 'dockerode';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ReadinessFix } from '../../../core/model';

export interface EngineAddress {
  /** What dockerode connects with. */
  options: Docker.DockerOptions;
  /** The address as a user would write it, for messages: `unix:///var/run/docker.sock`, `tcp://host:2375`. */
  display: string;
}

/** `unix:///path`, a bare socket path, `npipe:////./pipe/x`, `tcp://host:port` or `http(s)://host:port`. */
export function resolveEngineAddress(socketPath?: string, dockerHost?: string, env: NodeJS.ProcessEnv = process.env): EngineAddress {
  if (socketPath) return socket(socketPath);
  const host = dockerHost || env.DOCKER_HOST;
  if (!host) return socket(defaultSocket());
  if (host.startsWith('unix://')) return socket(host.slice('unix://'.length) || defaultSocket());
  if (host.startsWith('npipe://')) return socket(host.slice('npipe://'.length));
  if (host.startsWith('/')) return socket(host);
  const url = new URL(host.replace(/^tcp:\/\//, env.DOCKER_TLS_VERIFY ? 'https://' : 'http://'));
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port || (protocol === 'https' ? '2376' : '2375');
  return { options: { protocol, host: url.hostname, port }, display: `${url.protocol === 'https:' ? 'tcp+tls' : 'tcp'}://${url.hostname}:${port}` };
}

function socket(p: string): EngineAddress {
  return { options: { socketPath: p }, display: p.startsWith('//') ? `npipe://${p}` : `unix://${p}` };
}

function defaultSocket(): string {
  if (process.platform === 'win32') return '//./pipe/docker_engine';
  // Docker Desktop's per-user socket, where /var/run/docker.sock is not linked to it.
  const desktop = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
  return !existsSync('/var/run/docker.sock') && existsSync(desktop) ? desktop : '/var/run/docker.sock';
}

export const ENGINE_FIXES: ReadinessFix[] = [
  { kind: 'setting', setting: 'faasLab.docker.host', label: 'Set Docker engine address' },
  { kind: 'url', url: 'https://docs.docker.com/engine/install/', label: 'Install Docker' },
];

export function noEngineMessage(address: EngineAddress, cause: string): string {
  return `No Docker engine answered at ${address.display} (${cause}): start Docker, or set faasLab.docker.host (or DOCKER_HOST) to the engine's address.`;
}

/** Asks the engine for _ping; resolves with the failure's text, or undefined when it answered. */
export async function pingEngine(docker: Docker, timeoutMs = 3_000): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${timeoutMs / 1000} s`), timeoutMs)));
  try {
    return await Promise.race([docker.ping().then(() => undefined, (err: Error) => shortCause(err)), late]);
  } finally {
    clearTimeout(timer);
  }
}

function shortCause(err: Error & { code?: string }): string {
  if (err.code === 'ENOENT') return 'no socket there';
  if (err.code === 'EACCES') return 'permission denied: add your user to the docker group';
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  return err.message.split('\n')[0];
}
