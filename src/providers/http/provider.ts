// The "http" target: FaaS Runner's HTTP platform. Each call POSTs the JSON payload to a URL FaaS
// Lab does not own (an OpenFaaS gateway, a function URL, any web service); a SAAF-style JSON
// answer gives the metrics it carries, any other answer is timed by its round trip. Nothing is
// deployed, configured or removed: the endpoint is managed wherever it runs.
import { performance } from 'node:perf_hooks';
import { UserError, type Deployment, type FunctionMetrics, type Invocation, type InvokeOptions, type Provider, type Readiness } from '../../core/model';
import { abortError } from '../shared/calls';
import { encodePayload } from '../shared/payload';
import { round3 } from '../shared/round';
import { httpPlatform } from './descriptor';
import { saafMetrics } from './saaf';

/** Most characters of a failed answer's body quoted in its error. */
const ERROR_BODY_MAX_CHARS = 500;

export class HttpEndpointProvider implements Provider {
  readonly id = httpPlatform.id;
  readonly displayName = httpPlatform.displayName;
  private readonly endpoints = new Map<string, Deployment>();

  /** Names `url` as the function `name` for this process (from a FaaS Runner function file or an experiment's endpoint). */
  addEndpoint(name: string, url: string): Deployment {
    const deployment: Deployment = {
      platform: 'http',
      name,
      // Neither is known for an endpoint FaaS Lab does not own; 0 MB is "as deployed".
      language: 'node',
      runtime: 'unknown (HTTP endpoint)',
      memoryMB: 0,
      timeoutS: 0,
      codeHash: '',
      endpoint: url,
      updatedAt: new Date().toISOString(),
      managed: false,
    };
    this.endpoints.set(name, deployment);
    return deployment;
  }

  async readiness(): Promise<Readiness> {
    return { ready: true, detail: 'calls the URL an experiment names ("platform": "http" with "endpoint", or a FaaS Runner function file with "platform": "HTTP")' };
  }

  async deploy(): Promise<Deployment> {
    throw new UserError(
      'The http platform calls an endpoint FaaS Lab does not own, so it cannot deploy to it: deploy the function where it runs (e.g. faas-cli deploy for OpenFaaS), then name its URL in the experiment ("endpoint") or in a FaaS Runner function file ({"platform": "HTTP", "endpoint": "http://..."})',
    );
  }

  async configure(deployment: Deployment): Promise<Deployment> {
    throw new UserError(
      `${deployment.endpoint ?? deployment.name} is an HTTP endpoint FaaS Lab does not own: it cannot change its memory or timeout. Change them where the function is deployed, and leave memorySettings empty ([]) for this platform`,
    );
  }

  async remove(deployment: Deployment): Promise<void> {
    throw new UserError(`${deployment.endpoint ?? deployment.name} is an HTTP endpoint FaaS Lab does not own: remove the function where it is deployed`);
  }

  async recycle(deployment: Deployment): Promise<void> {
    throw new UserError(`${deployment.endpoint ?? deployment.name} is an HTTP endpoint FaaS Lab does not own: it cannot force fresh instances there`);
  }

  async list(): Promise<Deployment[]> {
    return [...this.endpoints.values()].map((d) => ({ ...d }));
  }

  async get(name: string): Promise<Deployment | undefined> {
    const d = this.endpoints.get(name);
    return d && { ...d };
  }

  async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    const url = deployment.endpoint;
    if (!url) throw new UserError(`'${deployment.name}' on http has no endpoint: give its URL ("endpoint": "http://...")`);
    const body = encodePayload(payload) ?? 'null';
    const clientStart = Date.now();
    const startMono = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' }, signal: options.signal });
      text = await response.text();
    } catch (err) {
      if (options.signal?.aborted) throw abortError(options.signal);
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      throw new UserError(`Calling ${url} failed (${cause ?? (err as Error).message}): check that the endpoint is up and the URL is right`);
    }
    const roundTripMs = round3(performance.now() - startMono);
    const timing = { clientStart, clientEnd: Date.now(), roundTripMs };
    const parsed = parseJson(text);
    const metrics: FunctionMetrics = isObject(parsed) ? saafMetrics(parsed) : {};
    if (response.ok) return { status: 'ok', result: parsed === undefined ? text : parsed, metrics, ...timing };
    const quoted = text.length > ERROR_BODY_MAX_CHARS ? `${text.slice(0, ERROR_BODY_MAX_CHARS)}…` : text;
    const message = `HTTP ${response.status} ${response.statusText}${quoted ? `: ${quoted}` : ''}`;
    if (response.status === 429) return { status: 'throttled', error: { type: 'Throttled', message }, metrics, ...timing };
    return { status: 'error', error: { type: 'HttpError', message }, metrics, ...timing };
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
