// moto_server (the Lambda/IAM/Logs API moto implements, see shared/TESTBED.md) on a free
// loopback port, started and stopped by PID, behind a small recording proxy so tests can see
// which operations the provider sent. Missing moto fails loudly: these tests are not optional.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../../../src/providers/shared/ports';

export interface MotoRequest {
  method: string;
  path: string;
  /** `Action` of IAM's query protocol, or the JSON protocols' X-Amz-Target operation. */
  action?: string;
  /** A JSON body (Lambda's REST API), parsed. */
  json?: Record<string, unknown>;
}

export interface Moto {
  /** The proxy in front of moto: give this to the SDK. */
  endpoint: string;
  /** moto itself, for set-up calls the tests do not want recorded. */
  directEndpoint: string;
  pid: number;
  requests: MotoRequest[];
  stop(): Promise<void>;
}

export function requireMoto(): void {
  const check = spawnSync('python3', ['-c', 'import moto, flask; print(moto.__version__)'], { encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(
      `moto is not installed in this machine's python3 (${(check.stderr || check.error?.message || '').trim()}): install it with \`pip install 'moto[server]'\`; the AWS provider tests run against moto_server`,
    );
  }
}

export async function startMoto(env: Record<string, string> = {}): Promise<Moto> {
  requireMoto();
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const directEndpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswers(child, directEndpoint, output);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  const requests: MotoRequest[] = [];
  const proxy = await startProxy(port, requests);
  const proxyPort = (proxy.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${proxyPort}`,
    directEndpoint,
    pid: child.pid!,
    requests,
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await stopChild(child);
    },
  };
}

async function waitUntilAnswers(child: ChildProcess, url: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}:\n${output.join('')}`);
    try {
      const res = await fetch(`${url}/moto-api/`);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer on ${url} within 30 s:\n${output.join('')}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function startProxy(port: number, requests: MotoRequest[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = req.headers['x-amz-target'];
      const action = target ? String(target).split('.').pop() : (new URLSearchParams(body.toString('utf8')).get('Action') ?? undefined);
      let json: Record<string, unknown> | undefined;
      if (String(req.headers['content-type'] ?? '').includes('json') && body.length > 0) {
        try {
          json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          // recorded without it
        }
      }
      requests.push({ method: req.method ?? 'GET', path: decodeURIComponent((req.url ?? '/').split('?')[0]), ...(action ? { action } : {}), ...(json ? { json } : {}) });
      const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (err) => {
        res.writeHead(502).end(String(err));
      });
      upstream.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
