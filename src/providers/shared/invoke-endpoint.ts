// Where a container's shim asks its provider to call another function (`context.invoke` on
// Docker): an HTTP server on 127.0.0.1 that takes `POST /invoke` with `{ name, payload }` and the
// calling instance's own token, so the provider knows which call made the nested one and nothing
// else on the machine can call functions through it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { INVOKE_TOKEN_HEADER, type NestedAnswer } from '../../core/runtime/node/protocol';

/** Answers one nested call of the instance the token was given to. */
export type NestedHandler = (name: string, payload: unknown) => Promise<NestedAnswer>;

/** What an instance needs to reach the endpoint, and how it gives its token back. */
export interface InvokeGrant {
  port: number;
  token: string;
  release(): void;
}

/** A nested call's request is a payload plus a name: more than this is refused. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class InvokeEndpoint {
  private listening: Promise<number> | undefined;
  private server: http.Server | undefined;
  private readonly handlers = new Map<string, NestedHandler>();

  /** A token for one instance: requests that carry it are answered by `handler`. */
  async grant(handler: NestedHandler): Promise<InvokeGrant> {
    const port = await this.listen();
    const token = randomBytes(24).toString('base64url');
    this.handlers.set(token, handler);
    return { port, token, release: () => this.handlers.delete(token) };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.listening = undefined;
    this.handlers.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      const server = http.createServer((req, res) => void this.serve(req, res));
      // Containers are called one request per connection; the endpoint must not keep a CLI alive.
      server.unref();
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      this.server = server;
    });
    this.listening.catch(() => (this.listening = undefined));
    return this.listening;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const handler = this.handlerOf(req.headers[INVOKE_TOKEN_HEADER]);
    if (!handler) return reply(res, 403, { ok: false, error: { type: 'Forbidden', message: `context.invoke needs the instance's token in ${INVOKE_TOKEN_HEADER}` } });
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/invoke') {
      return reply(res, 404, { ok: false, error: { type: 'NotFound', message: 'POST /invoke with {"name", "payload"} calls a function' } });
    }
    let request: { name?: unknown; payload?: unknown };
    try {
      request = JSON.parse((await readBody(req)).toString('utf8')) as { name?: unknown; payload?: unknown };
    } catch (err) {
      return reply(res, 400, { ok: false, error: { type: 'BadRequest', message: `context.invoke's request is not JSON of at most ${MAX_BODY_BYTES} bytes (${(err as Error).message})` } });
    }
    if (typeof request?.name !== 'string' || request.name === '') {
      return reply(res, 400, { ok: false, error: { type: 'TypeError', message: 'context.invoke(name, payload): name must be the name of a deployed FaaS Lab function' } });
    }
    reply(res, 200, await handler(request.name, request.payload));
  }

  private handlerOf(presented: string | string[] | undefined): NestedHandler | undefined {
    if (typeof presented !== 'string') return undefined;
    const given = Buffer.from(presented);
    for (const [token, handler] of this.handlers) {
      const expected = Buffer.from(token);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return handler;
    }
    return undefined;
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function reply(res: http.ServerResponse, status: number, answer: NestedAnswer): void {
  let body: string;
  try {
    body = JSON.stringify(answer);
  } catch (err) {
    body = JSON.stringify({ ok: false, error: { type: 'ResultNotSerializable', message: `The called function's result cannot be sent as JSON (${(err as Error).message})` } });
  }
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
