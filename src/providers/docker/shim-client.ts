// Talks to the runtime shim's HTTP entry inside an instance container (see
// src/core/runtime/node/http.ts and faaslab_runtime.py --http): health checks and calls.
import * as http from 'node:http';
import type { FunctionMetrics, InvocationError } from '../../core/model';
import { END_MARKER_HEADER, METRICS_HEADER } from '../../core/runtime/node/http';

export interface ShimAddress {
  host: string;
  port: number;
}

export interface Health {
  uuid: string;
  lang: string;
  version: string;
}

/** The shim's answer to a call made with the metrics header. */
export type ShimOutcome =
  | { ok: true; result?: unknown; metrics: FunctionMetrics }
  | { ok: false; error: InvocationError; metrics: FunctionMetrics };

/** A connection to the shim failed: the container is gone, or not listening yet. */
export class ShimUnreachable extends Error {
  override readonly name = 'ShimUnreachable';
}

// A new connection per request: an idle kept-alive socket would race the shim closing it.
const agent = new http.Agent({ keepAlive: false });

function request(address: ShimAddress, method: 'GET' | 'POST', path: string, body?: string, endMarker?: string): Promise<{ status: number; text: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { [METRICS_HEADER]: '1' };
    if (endMarker !== undefined) headers[END_MARKER_HEADER] = endMarker;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: address.host, port: address.port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const whole = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, text: whole.toString('utf8'), bytes: whole.length });
      });
      res.on('error', (err) => reject(new ShimUnreachable(err.message)));
    });
    req.on('error', (err) => reject(new ShimUnreachable(err.message)));
    req.end(body);
  });
}

/** The shim's /healthz answer, or undefined while it does not answer yet. */
export async function health(address: ShimAddress): Promise<Health | undefined> {
  try {
    const { status, text } = await request(address, 'GET', '/healthz');
    return status === 200 ? (JSON.parse(text) as Health) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One call with the metrics header, and the answer's size in bytes; rejects with ShimUnreachable
 * when the connection breaks. `endMarker`: the line the shim prints on stdout and stderr once the call's output ended.
 */
export async function callShim(address: ShimAddress, payloadJson: string | undefined, endMarker?: string): Promise<ShimOutcome & { answerBytes: number }> {
  const { status, text, bytes } = await request(address, 'POST', '/', payloadJson ?? '', endMarker);
  let outcome: ShimOutcome | undefined;
  try {
    outcome = JSON.parse(text) as ShimOutcome;
  } catch {
    // Not the shim's JSON: reported below.
  }
  if (status === 200 && outcome && typeof outcome.ok === 'boolean') return { ...outcome, answerBytes: bytes };
  const error: InvocationError = {
    type: 'PlatformError',
    message: `The function's container answered HTTP ${status} with ${text.slice(0, 300) || 'no body'} instead of a FaaS Lab result. A Dockerfile in includes_<name>/ must keep FaaS Lab's command (CMD) as the last one.`,
  };
  return { ok: false, error, metrics: {}, answerBytes: bytes };
}

