// OpenFaaS: functions deployed through a gateway's REST API. Each deploy builds the function's
// image on the Docker engine (the shim's HTTP server on port 8080), pushes it to the registry the
// gateway pulls from (faasLab.openfaas.registry), and creates or updates the function with its
// memory as limits and requests; calls go through the gateway's /function/<name>. What the
// gateway lists is the truth: FaaS Lab's settings ride on the function as annotations.
import Docker from 'dockerode';
import { performance } from 'node:perf_hooks';
import {
  UserError,
  type Artifact,
  type ConfigureChange,
  type Deployment,
  type FunctionSpec,
  type Invocation,
  type InvokeOptions,
  type LogEntry,
  type Provider,
  type Readiness,
  type ReadinessFix,
} from '../../core/model';
import { configuredDeployment, checkDeployable, deploymentOf } from '../shared/deployments';
import { ENGINE_FIXES, noEngineMessage, pingEngine, resolveEngineAddress, type EngineAddress } from '../shared/docker-engine/address';
import { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE } from '../shared/docker-engine/function-image';
import { buildImage, imageExists } from '../shared/docker-engine/images';
import { invocationOf, type ShimCallWords } from '../shared/http-shim';
import { encodePayload } from '../shared/payload';
import { round3 } from '../shared/round';
import { saafMetrics } from '../shared/saaf';
import { RAISE_TIMEOUT } from '../shared/shim-answer';
import { credentialsFor, gatewayFrom } from './auth';
import { openfaasPlatform } from './descriptor';
import { GatewayClient, GatewayRefused, GatewayUnreachable, unreachableMessage, type FunctionStatus, type GatewayAnswer } from './gateway';
import { IMAGE_LABEL, planOpenFaasImage, pushImage, registryLogin } from './image';
import { ANNOTATION, deployBody, deploymentFrom, serviceName } from './records';

export interface OpenFaasProviderOptions {
  /** faasLab.openfaas.gateway; empty: OPENFAAS_URL, then http://127.0.0.1:8080. */
  gateway?: string;
  /** faasLab.openfaas.registry: where images are pushed and the gateway's nodes pull from, e.g. `127.0.0.1:5000`. */
  registry?: string;
  /** faasLab.openfaas.username: the user OPENFAAS_PASSWORD logs in as; default admin. */
  username?: string;
  /** faasLab.docker.host: the engine that builds the images; empty: DOCKER_HOST, then the usual socket. */
  dockerHost?: string;
  /** faasLab.docker.nodeImage / pythonImage: the images' base. */
  nodeImage?: string;
  pythonImage?: string;
  /** How long a deploy, update or recycle waits for a replica; default 120 s. */
  readyTimeoutMs?: number;
  /** Environment the gateway, credentials and registry login are read from (tests); default process.env. */
  env?: NodeJS.ProcessEnv;
}

const METRICS_HEADER = 'x-faaslab-metrics';
const POLL_MS = 200;
const READINESS_TIMEOUT_MS = 5_000;
/** How much longer than its timeout a call may take (the gateway's own hop, a cold start). */
const CALL_MARGIN_S = 10;
/** The longest call to a function FaaS Lab did not deploy (its timeout is not known). */
const UNMANAGED_CALL_LIMIT_S = 300;

const REGISTRY_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.openfaas.registry', label: 'Set the registry OpenFaaS pulls from' };
const GATEWAY_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.openfaas.gateway', label: 'Set the OpenFaaS gateway' };
const LOGIN_FIX: ReadinessFix = { kind: 'url', url: 'https://docs.openfaas.com/cli/install/', label: 'Log in with faas-cli login' };

export class OpenFaasProvider implements Provider {
  readonly id = openfaasPlatform.id;
  readonly displayName = openfaasPlatform.displayName;

  private readonly gateway: GatewayClient;
  private readonly env: NodeJS.ProcessEnv;
  private readonly registry: string | undefined;
  private readonly engine: EngineAddress;
  private readonly docker: Docker;
  private readonly nodeImage: string;
  private readonly pythonImage: string;
  private readonly readyTimeoutMs: number;

  constructor(options: OpenFaasProviderOptions = {}) {
    this.env = options.env ?? process.env;
    const url = gatewayFrom(options.gateway, this.env);
    this.gateway = new GatewayClient(url, () => credentialsFor(url, { username: options.username, env: this.env }));
    this.registry = options.registry?.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '') || undefined;
    this.engine = resolveEngineAddress(undefined, options.dockerHost, this.env);
    this.docker = new Docker(this.engine.options);
    this.nodeImage = options.nodeImage || DEFAULT_NODE_IMAGE;
    this.pythonImage = options.pythonImage || DEFAULT_PYTHON_IMAGE;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  }

  get gatewayUrl(): string {
    return this.gateway.gateway;
  }

  async readiness(): Promise<Readiness> {
    // A gateway address that drops packets would hold the sidebar: readiness waits this long at most.
    const signal = AbortSignal.timeout(READINESS_TIMEOUT_MS);
    try {
      await this.gateway.listFunctions(signal);
    } catch (err) {
      if (signal.aborted) return { ready: false, message: unreachableMessage(this.gatewayUrl, `no answer within ${READINESS_TIMEOUT_MS / 1000} s`), fixes: [GATEWAY_FIX] };
      if (err instanceof GatewayUnreachable) return { ready: false, message: err.message, fixes: [GATEWAY_FIX] };
      if (err instanceof GatewayRefused) return { ready: false, message: err.message, fixes: [LOGIN_FIX, GATEWAY_FIX] };
      return { ready: false, message: (err as Error).message, fixes: [GATEWAY_FIX] };
    }
    if (!this.registry) {
      return {
        ready: false,
        message: `The OpenFaaS gateway at ${this.gatewayUrl} answers, but no registry is set for the images FaaS Lab builds: set faasLab.openfaas.registry to the registry the gateway pulls from (e.g. 127.0.0.1:5000)`,
        fixes: [REGISTRY_FIX],
      };
    }
    const cause = await pingEngine(this.docker);
    if (cause !== undefined) return { ready: false, message: `OpenFaaS images are built on a Docker engine. ${noEngineMessage(this.engine, cause)}`, fixes: ENGINE_FIXES };
    return { ready: true, detail: `gateway ${this.gatewayUrl}, images built on ${this.engine.display} and pushed to ${this.registry}` };
  }

  async deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal, progress?: (message: string) => void): Promise<Deployment> {
    signal?.throwIfAborted();
    checkDeployable('OpenFaaS', spec, artifact);
    const registry = this.requireRegistry();
    const service = serviceName(spec.name);
    const baseImage = artifact.language === 'node' ? this.nodeImage : this.pythonImage;
    const plan = await planOpenFaasImage(spec, artifact, service, registry, baseImage);
    const previous = await this.gateway.functionStatus(service, signal);
    if (previous && !isOurs(previous, spec.name)) {
      throw new UserError(`OpenFaaS already has a function ${service} that FaaS Lab did not deploy: remove it (faas-cli remove ${service}) or give the handler another name (name=...)`);
    }
    const deployment = deploymentOf('openfaas', spec, artifact, `${this.gatewayUrl}/function/${service}`);
    const current = previous && deploymentFrom(previous, this.gatewayUrl);
    if (previous && current && previous.image === plan.image && sameSettings(current, deployment)) return current;
    if (!previous || previous.image !== plan.image) {
      const engineDown = await pingEngine(this.docker);
      if (engineDown !== undefined) throw new UserError(`OpenFaaS images are built on a Docker engine. ${noEngineMessage(this.engine, engineDown)}`);
      if (!(await imageExists(this.docker, plan.image))) {
        if (!plan.userDockerfile && !(await imageExists(this.docker, baseImage))) {
          const setting = artifact.language === 'node' ? 'faasLab.docker.nodeImage' : 'faasLab.docker.pythonImage';
          throw new UserError(`The base image ${baseImage} is not on the Docker engine at ${this.engine.display}: pull or build one with ${artifact.language === 'node' ? 'node' : 'python3'} on its PATH and set ${setting} to it`);
        }
        progress?.(`building the image ${plan.image}…`);
        await buildImage(this.docker, { tag: plan.image, dockerfile: plan.dockerfile, userDockerfile: plan.userDockerfile }, artifact, signal);
      }
      progress?.(`pushing ${plan.image}…`);
      await pushImage(this.docker, plan, registryLogin(registry, this.env), signal);
    }
    const body = deployBody(deployment, plan.image, plan.baseImage);
    progress?.(`${previous ? 'updating' : 'creating'} ${service} on the gateway…`);
    if (previous) await this.gateway.update(body, signal);
    else await this.gateway.deploy(body, signal);
    await this.waitReady(service, (s) => s.image === plan.image && s.annotations?.[ANNOTATION.updatedAt] === deployment.updatedAt, signal);
    await this.pruneLocalImages(spec.name, plan.image);
    return deployment;
  }

  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    const { status, deployment: current } = await this.requireManaged(deployment.name, signal, 'change its memory or timeout');
    const updated = configuredDeployment('OpenFaaS', current, change);
    await this.gateway.update(deployBody(updated, status.image, status.annotations?.[ANNOTATION.baseImage] ?? ''), signal);
    // New limits mean new replicas, as a new memory size means new instances on Lambda.
    await this.waitReady(status.name, (s) => s.annotations?.[ANNOTATION.updatedAt] === updated.updatedAt, signal);
    return updated;
  }

  async invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    options.signal?.throwIfAborted();
    const service = deployment.managed === false ? deployment.name : serviceName(deployment.name);
    const path = `/function/${encodeURIComponent(service)}`;
    // The gateway's upstream timeout may be longer than the function's, and the shim does not stop a
    // handler that overruns: FaaS Lab gives up a little after the function's timeout.
    const limitS = (deployment.timeoutS || UNMANAGED_CALL_LIMIT_S) + CALL_MARGIN_S;
    const limit = AbortSignal.timeout(limitS * 1000);
    const signal = options.signal ? AbortSignal.any([options.signal, limit]) : limit;
    const clientStart = Date.now();
    const t0 = performance.now();
    let answer: GatewayAnswer;
    try {
      // No gateway credentials: /function/ is not behind the gateway's auth, and the function would see them.
      answer = await this.gateway.send('POST', path, { body: encodePayload(payload) ?? '', headers: { [METRICS_HEADER]: '1' }, signal, auth: false });
    } catch (err) {
      if (!limit.aborted || options.signal?.aborted) throw err;
      const timed = { clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - t0) };
      return { ...timed, status: 'timeout', error: { type: 'Timeout', message: await this.overran(deployment, limitS) }, metrics: {} };
    }
    const timed = { clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - t0) };
    const invocation = invocationOf(answer, timed, words(deployment, `${this.gatewayUrl}${path}`));
    // A function without FaaS Lab's shim (deployed with faas-cli) may answer SAAF's JSON: read its metrics.
    if (invocation.status === 'ok' && Object.keys(invocation.metrics).length === 0 && isObject(invocation.result)) invocation.metrics = saafMetrics(invocation.result);
    if (invocation.metrics.newcontainer !== undefined) invocation.cold = invocation.metrics.newcontainer === 1;
    return invocation;
  }

  /** A call that overran: FaaS Lab's own function gets fresh replicas, as a timed-out instance is replaced on a cloud. */
  private async overran(deployment: Deployment, limitS: number): Promise<string> {
    const what = `${deployment.name} did not answer within ${limitS} s (its timeout is ${deployment.timeoutS || 'not known'} s, and neither the function nor the gateway ended the call)`;
    if (deployment.managed === false) return `${what}. If the work needs longer, raise its timeout where it is deployed.`;
    // The replica is still running the handler and serves one call at a time: later calls would queue behind it.
    const replaced = await this.recycle(deployment).then(() => true, () => false);
    return `${what}; ${replaced ? 'FaaS Lab replaced its replica (scaled it to zero and back)' : 'replacing its replica failed: run faas-cli scale or remove it'}. If the work needs longer, ${RAISE_TIMEOUT}.`;
  }

  async list(signal?: AbortSignal): Promise<Deployment[]> {
    const functions = await this.gateway.listFunctions(signal);
    return functions.map((s) => deploymentFrom(s, this.gatewayUrl)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    const own = await this.gateway.functionStatus(serviceName(name), signal);
    if (own && isOurs(own, name)) return deploymentFrom(own, this.gatewayUrl);
    // A function FaaS Lab did not deploy goes by its OpenFaaS name.
    const other = serviceName(name) === name ? own : await this.gateway.functionStatus(name, signal).catch(() => undefined);
    return other && !isOurs(other) ? deploymentFrom(other, this.gatewayUrl) : undefined;
  }

  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    const service = deployment.managed === false ? deployment.name : serviceName(deployment.name);
    await this.gateway.remove(service, signal);
    if (deployment.managed !== false) await this.pruneLocalImages(deployment.name);
  }

  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    const { status } = await this.requireManaged(deployment.name, signal, 'start it on fresh replicas');
    const namespace = status.namespace || 'openfaas-fn';
    await this.gateway.scale(status.name, namespace, 0, signal);
    await this.waitFor(status.name, (s) => (s.availableReplicas ?? 0) === 0, 'no replica left', signal);
    await this.gateway.scale(status.name, namespace, Math.max(1, status.replicas ?? 1), signal);
    await this.waitReady(status.name, () => true, signal);
  }

  async logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<LogEntry[]> {
    const service = deployment.managed === false ? deployment.name : serviceName(deployment.name);
    const entries = await this.gateway.logs(service, options.limit ?? 100, options.signal);
    return entries.map((e) => ({ time: e.timestamp, message: e.text.replace(/\n$/, '') }));
  }

  private requireRegistry(): string {
    if (!this.registry) {
      throw new UserError('Deploying to OpenFaaS pushes the function\'s image to a registry the gateway pulls from: set faasLab.openfaas.registry (e.g. 127.0.0.1:5000 for a local registry)');
    }
    return this.registry;
  }

  private async requireManaged(name: string, signal: AbortSignal | undefined, what: string): Promise<{ status: FunctionStatus; deployment: Deployment }> {
    const status = await this.gateway.functionStatus(serviceName(name), signal);
    if (!status || !isOurs(status, name)) {
      throw new UserError(status ? `${status.name} on OpenFaaS was not deployed by FaaS Lab: it cannot ${what}; change it with faas-cli` : `No function ${name} on the OpenFaaS gateway at ${this.gatewayUrl}: deploy it first`);
    }
    return { status, deployment: deploymentFrom(status, this.gatewayUrl) };
  }

  /** Waits until the function has an available replica and `done` holds for its status. */
  private waitReady(service: string, done: (s: FunctionStatus) => boolean, signal?: AbortSignal): Promise<void> {
    return this.waitFor(service, (s) => done(s) && (s.availableReplicas ?? 0) >= 1, 'a replica available', signal);
  }

  private async waitFor(service: string, done: (s: FunctionStatus) => boolean, what: string, signal?: AbortSignal): Promise<void> {
    const deadline = performance.now() + this.readyTimeoutMs;
    for (;;) {
      const status = await this.gateway.functionStatus(service, signal);
      if (status && done(status)) return;
      if (performance.now() > deadline) {
        throw new UserError(
          `${service} on the OpenFaaS gateway at ${this.gatewayUrl} did not have ${what} within ${Math.round(this.readyTimeoutMs / 1000)} s ` +
            `(replicas ${status?.availableReplicas ?? 0}/${status?.replicas ?? 0}): see faas-cli describe ${service} and faas-cli logs ${service}; the gateway's nodes must be able to pull from ${this.registry ?? 'the registry'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Removes this function's images from the engine, but `keep`: they are in the registry. */
  private async pruneLocalImages(name: string, keep?: string): Promise<void> {
    const images = await this.docker.listImages({ filters: { label: [`${IMAGE_LABEL.function}=${name}`] } }).catch(() => []);
    for (const image of images) {
      if (keep && image.RepoTags?.includes(keep)) continue;
      await this.docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
    }
  }
}

/** FaaS Lab deployed it (and, given a name, as that function). */
function isOurs(status: FunctionStatus, name?: string): boolean {
  const ours = status.labels?.[ANNOTATION.managed] === 'true' && typeof status.annotations?.[ANNOTATION.function] === 'string';
  return ours && (name === undefined || status.annotations?.[ANNOTATION.function] === name);
}

function sameSettings(a: Deployment, b: Deployment): boolean {
  return (
    a.codeHash === b.codeHash &&
    a.memoryMB === b.memoryMB &&
    a.timeoutS === b.timeoutS &&
    a.handler === b.handler &&
    a.runtime === b.runtime &&
    a.sourceFile === b.sourceFile &&
    JSON.stringify(a.env ?? {}) === JSON.stringify(b.env ?? {})
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function words(d: Deployment, url: string): ShimCallWords {
  return {
    throttled: `The OpenFaaS gateway throttled ${d.name} (HTTP 429): lower the experiment's concurrency, or raise the function's max_inflight and replicas.`,
    isTimeout: (status, text) => status === 504 || /timeout|timed out|deadline/i.test(text),
    timeout: (status) => `${d.name} timed out (HTTP ${status} from the gateway; its timeout is ${d.timeoutS} s). If the work needs longer, ${RAISE_TIMEOUT}; the gateway's own upstream_timeout must be longer too.`,
    refused: (status) => `The OpenFaaS gateway refused the call to ${d.name} (HTTP ${status}): functions behind an auth plugin need it turned off for /function/, or call them through a linked endpoint with the header it needs`,
    notFound: `${d.name} does not answer at ${url} (HTTP 404): it may have been removed; deploy it again`,
    platformError: (status, text) => {
      const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 300);
      return `The OpenFaaS gateway could not complete the call to ${d.name} (HTTP ${status}${snippet ? `: ${snippet}` : ''}). A replica that crashed or exceeded its ${d.memoryMB} MB answers so: see faas-cli logs ${serviceName(d.name)}.`;
    },
    unexpected: (status, text) => `The OpenFaaS gateway answered the call to ${d.name} with HTTP ${status}: ${text.slice(0, 300)}`,
  };
}
