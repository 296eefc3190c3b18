// The "http" target: FaaS Runner's HTTP platform. Each call sends the payload (by default POSTed
// as JSON; or through a body template, with another method and headers) to a URL FaaS Lab does not
// own (an OpenFaaS gateway, a function URL, any web service); a SAAF-style JSON answer gives the
// metrics it carries, any other answer is timed by its round trip. Endpoints come from the
// workspace's links (faas-lab link) and, for one process, from experiments and FaaS Runner function
// files. Nothing is deployed, configured or removed: the endpoint is managed wherever it runs.
import { performance } from 'node:perf_hooks';
import { renderBody, sendsBody, type HttpRequestOptions } from '../../core/http-request';
import { UserError, type Deployment, type FunctionMetrics, type Invocation, type InvokeOptions, type Provider, type Readiness } from '../../core/model';
import { abortError } from '../shared/calls';
import { LinkStore, type HttpLink } from '../shared/links';
import { encodePayload } from '../shared/payload';
import { round3 } from '../shared/round';
import { httpPlatform } from './descriptor';
import { saafMetrics } from '../shared/saaf';

/** Most characters of a failed answer's body quoted in its error. */
const ERROR_BODY_MAX_CHARS = 500;

export class HttpEndpointProvider implements Provider {
  readonly id = httpPlatform.id;
  readonly displayName = httpPlatform.displayName;
  /** Endpoints named for this process only, with how each is called. */
  private readonly endpoints = new Map<string, { deployment: Deployment; request: HttpRequestOptions }>();
  /** An experiment's method/headers/body template for a linked endpoint, for this process. */
  private readonly overrides = new Map<string, HttpRequestOptions>();

  /** `links`: the workspace's linked endpoints; without it, only endpoints added in this process. */
  constructor(private readonly links?: LinkStore) {}

  /** Names `url` as the function `name` for this process (from a FaaS Runner function file, an experiment's endpoint, or `invoke --url`). */
  addEndpoint(name: string, url: string, request: HttpRequestOptions = {}): Deployment {
    const deployment = endpointDeployment(name, url, new Date().toISOString());
    this.endpoints.set(name, { deployment, request });
    return { ...deployment };
  }

  /** Calls the function `name` (linked, or added in this process) with these options in this process. */
  setRequest(name: string, request: HttpRequestOptions): void {
    const added = this.endpoints.get(name);
    if (added) added.request = { ...added.request, ...request };
    else this.overrides.set(name, request);
  }

  async readiness(): Promise<Readiness> {
    return { ready: true, detail: 'calls linked endpoints (faas-lab link <name> --url ...) and the URLs experiments name ("platform": "http" with "endpoint")' };
  }

  async deploy(): Promise<Deployment> {
    throw new UserError(
      'The http platform calls an endpoint FaaS Lab does not own, so it cannot deploy to it: deploy the function where it runs (to an OpenFaaS gateway FaaS Lab deploys itself: platforms=openfaas), then link its URL (faas-lab link <name> --url http://...), or name it in the experiment ("endpoint") or in a FaaS Runner function file ({"platform": "HTTP", "endpoint": "http://..."})',
    );
  }

  async configure(deployment: Deployment): Promise<Deployment> {
    throw new UserError(
      `${deployment.endpoint ?? deployment.name} is an HTTP endpoint FaaS Lab does not own: it cannot change its memory or timeout. Change them where the function is deployed, and leave memorySettings empty ([]) for this platform`,
    );
  }

  async remove(deployment: Deployment): Promise<void> {
    throw new UserError(`${deployment.endpoint ?? deployment.name} is an HTTP endpoint FaaS Lab does not own: remove the function where it is deployed; \`faas-lab unlink ${deployment.name}\` forgets a linked endpoint`);
  }

  async recycle(deployment: Deployment): Promise<void> {
    throw new UserError(`${deployment.endpoint ?? deployment.name} is an HTTP endpoint FaaS Lab does not own: it cannot force fresh instances there`);
  }

  /** The workspace's linked endpoints, then those added in this process (an added name wins). */
  async list(): Promise<Deployment[]> {
    const byName = new Map<string, Deployment>();
    for (const link of this.linked()) byName.set(link.name, linkDeployment(link));
    for (const [name, added] of this.endpoints) byName.set(name, { ...added.deployment });
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string): Promise<Deployment | undefined> {
    const added = this.endpoints.get(name);
    if (added) return { ...added.deployment };
    const link = this.linked().find((l) => l.name === name);
    return link && linkDeployment(link);
  }

  /** How `deployment` is called: its link's options, then this process's for that name. */
  requestFor(deployment: Deployment): HttpRequestOptions {
    const added = this.endpoints.get(deployment.name);
    if (added && added.deployment.endpoint === deployment.endpoint) return added.request;
    const link = this.linked().find((l) => l.name === deployment.name && l.url === deployment.endpoint);
    const override = this.overrides.get(deployment.name) ?? {};
    return { ...link?.request, ...override, headers: { ...link?.request?.headers, ...override.headers } };
  }

  private linked(): HttpLink[] {
    return (this.links?.all() ?? []).filter((l): l is HttpLink => l.platform === 'http');
  }

  async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    const url = deployment.endpoint;
    if (!url) throw new UserError(`'${deployment.name}' on http has no endpoint: give its URL ("endpoint": "http://...")`);
    const request = this.requestFor(deployment);
    const method = request.method ?? 'POST';
    const headers = new Headers(request.headers);
    let body: string | undefined;
    if (sendsBody(method)) {
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      const json = /[/+]json\b/i.test(headers.get('content-type') ?? '');
      body = request.bodyTemplate === undefined ? (encodePayload(payload) ?? 'null') : renderBody(request.bodyTemplate, payload, json);
    }
    const clientStart = Date.now();
    const startMono = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method, body, headers, signal: options.signal });
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

function endpointDeployment(name: string, url: string, updatedAt: string): Deployment {
  return {
    platform: 'http',
    name,
    // Neither is known for an endpoint FaaS Lab does not own; 0 MB is "as deployed".
    language: 'node',
    runtime: 'unknown (HTTP endpoint)',
    memoryMB: 0,
    timeoutS: 0,
    codeHash: '',
    endpoint: url,
    updatedAt,
    managed: false,
  };
}

function linkDeployment(link: HttpLink): Deployment {
  return { ...endpointDeployment(link.name, link.url, link.linkedAt), runtime: 'linked HTTP endpoint' };
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
