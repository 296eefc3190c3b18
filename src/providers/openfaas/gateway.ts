// The OpenFaaS gateway's REST API as FaaS Lab uses it (api-docs/spec.openapi.yml of openfaas/faas):
// /system/functions (GET list, POST deploy, PUT update, DELETE remove), /system/function/<name>
// (status), /system/scale-function/<name>, /system/logs (NDJSON) with basic auth, and
// /function/<name> for calls. Failures become messages that say what to do.
import { UserError } from '../../core/model';
import { basicAuth, type GatewayCredentials } from './auth';

/** Requests and limits of a function, in Kubernetes quantities ("256Mi", "0.5"). */
export interface FunctionResources {
  memory?: string;
  cpu?: string;
}

/** The body of POST and PUT /system/functions. */
export interface FunctionDeploymentBody {
  service: string;
  image: string;
  namespace?: string;
  envProcess?: string;
  envVars?: Record<string, string>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  limits?: FunctionResources;
  requests?: FunctionResources;
}

/** GET /system/functions (each) and GET /system/function/<name>. */
export interface FunctionStatus {
  name: string;
  image: string;
  namespace?: string;
  envProcess?: string;
  envVars?: Record<string, string>;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  limits?: FunctionResources | null;
  requests?: FunctionResources | null;
  invocationCount?: number;
  replicas?: number;
  availableReplicas?: number;
  createdAt?: string;
}

/** One line of GET /system/logs. */
export interface GatewayLogEntry {
  name: string;
  namespace?: string;
  instance?: string;
  timestamp: string;
  text: string;
}

export interface GatewayAnswer {
  status: number;
  text: string;
}

/** The gateway did not answer at all (not running, wrong address). */
export class GatewayUnreachable extends UserError {}

/** The gateway refused the credentials (401/403). */
export class GatewayRefused extends UserError {}

export class GatewayClient {
  constructor(
    readonly gateway: string,
    /** Read for each request, so a new `faas-cli login` applies without a restart. */
    private readonly credentials: () => GatewayCredentials | undefined,
  ) {}

  async send(method: string, path: string, options: { body?: string; headers?: Record<string, string>; signal?: AbortSignal; auth?: boolean } = {}): Promise<GatewayAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) {
      const credentials = this.credentials();
      if (credentials) headers.authorization = basicAuth(credentials);
    }
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.gateway}${path}`, { method, headers, body: options.body, signal: options.signal });
      return { status: response.status, text: await response.text() };
    } catch (err) {
      if (options.signal?.aborted) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new GatewayUnreachable(unreachableMessage(this.gateway, cause?.code ?? cause?.message ?? (err as Error).message));
    }
  }

  /** A /system call; any answer but a 2xx is thrown as a UserError naming the call. */
  private async system(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<GatewayAnswer> {
    const answer = await this.send(method, path, { body: body === undefined ? undefined : JSON.stringify(body), signal });
    if (answer.status === 401 || answer.status === 403) throw new GatewayRefused(this.refusedMessage(answer.status));
    if (answer.status < 200 || answer.status >= 300) {
      throw new UserError(`The OpenFaaS gateway at ${this.gateway} answered ${method} ${path.split('?')[0]} with HTTP ${answer.status}${answer.text.trim() ? `: ${answer.text.trim().slice(0, 500)}` : ''}`);
    }
    return answer;
  }

  refusedMessage(status: number): string {
    const credentials = this.credentials();
    const used = credentials ? `the credentials of ${credentials.username} from ${credentials.source}` : 'no credentials (no OPENFAAS_PASSWORD, and no login for it in faas-cli\'s config.yml)';
    return (
      `The OpenFaaS gateway at ${this.gateway} refused ${used} (HTTP ${status}): log in with ` +
      `faas-cli login --gateway ${this.gateway} --username admin --password-stdin, or set OPENFAAS_PASSWORD (and faasLab.openfaas.username when it is not admin)`
    );
  }

  async listFunctions(signal?: AbortSignal): Promise<FunctionStatus[]> {
    const answer = await this.system('GET', '/system/functions', undefined, signal);
    const parsed = parseJson(answer.text);
    if (!Array.isArray(parsed)) throw new UserError(`The OpenFaaS gateway at ${this.gateway} answered GET /system/functions with ${answer.text.slice(0, 200)} instead of a list of functions`);
    return parsed as FunctionStatus[];
  }

  /** The function's status, or undefined when the gateway has none of that name. */
  async functionStatus(name: string, signal?: AbortSignal): Promise<FunctionStatus | undefined> {
    const path = `/system/function/${encodeURIComponent(name)}`;
    const answer = await this.send('GET', path, { signal });
    if (answer.status === 404) return undefined;
    if (answer.status === 401 || answer.status === 403) throw new GatewayRefused(this.refusedMessage(answer.status));
    if (answer.status !== 200) throw new UserError(`The OpenFaaS gateway at ${this.gateway} answered GET ${path} with HTTP ${answer.status}: ${answer.text.trim().slice(0, 500)}`);
    return parseJson(answer.text) as FunctionStatus;
  }

  async deploy(body: FunctionDeploymentBody, signal?: AbortSignal): Promise<void> {
    await this.system('POST', '/system/functions', body, signal);
  }

  async update(body: FunctionDeploymentBody, signal?: AbortSignal): Promise<void> {
    await this.system('PUT', '/system/functions', body, signal);
  }

  /** Deletes the function; false when the gateway had none of that name. */
  async remove(name: string, signal?: AbortSignal): Promise<boolean> {
    const answer = await this.send('DELETE', '/system/functions', { body: JSON.stringify({ functionName: name }), signal });
    if (answer.status === 404) return false;
    if (answer.status === 401 || answer.status === 403) throw new GatewayRefused(this.refusedMessage(answer.status));
    if (answer.status < 200 || answer.status >= 300) throw new UserError(`The OpenFaaS gateway at ${this.gateway} could not delete ${name} (HTTP ${answer.status}): ${answer.text.trim().slice(0, 500)}`);
    return true;
  }

  async scale(name: string, namespace: string, replicas: number, signal?: AbortSignal): Promise<void> {
    await this.system('POST', `/system/scale-function/${encodeURIComponent(name)}`, { serviceName: name, namespace, replicas }, signal);
  }

  /** The last `tail` log lines of the function (`follow=false`: the gateway answers and closes). */
  async logs(name: string, tail: number, signal?: AbortSignal): Promise<GatewayLogEntry[]> {
    const query = new URLSearchParams({ name, tail: String(tail), follow: 'false' });
    const answer = await this.system('GET', `/system/logs?${query.toString()}`, undefined, signal);
    return answer.text
      .split('\n')
      .map((line) => parseJson(line))
      .filter((e): e is GatewayLogEntry => typeof e === 'object' && e !== null && typeof (e as GatewayLogEntry).text === 'string');
  }
}

export function unreachableMessage(gateway: string, cause: string): string {
  return (
    `No OpenFaaS gateway answered at ${gateway} (${cause}): start OpenFaaS (faasd, or kubectl port-forward -n openfaas svc/gateway 8080:8080), ` +
    'or set faasLab.openfaas.gateway (or OPENFAAS_URL) to its address'
  );
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
