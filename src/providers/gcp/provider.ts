// Google Cloud Functions (2nd gen): zip deployments through a generated upload URL, HTTP calls
// with an identity token, memory (with its CPU) and timeout changes as new revisions, logs from
// Cloud Logging. Credentials come from Application Default Credentials.
import { GoogleAuth, type AuthClient } from 'google-auth-library';
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
} from '../../core/model';
import { createGcpClients, type GcpClients } from './client';
import { checkTimeout, memoryTier, toDeployment, type GcpFunction } from './config';
import { DEFAULT_TIMING, type GcpContext, type GcpTiming, type IdTokenSource } from './context';
import { deleteFunction, deployFunction, getFunction, locationOf, ownEnv, updateService } from './deploy';
import { abortable, isNotFound, toUserError } from './errors';
import { encodeRequest, invokeFunction } from './invoke';
import { recentLogs } from './logs';
import { adcAvailableLocally, NO_ADC_MESSAGE, requireLocalAdc } from './credentials';
import { ADC_DOCS, checkReadiness } from './readiness';
import { gcpPlatform } from './descriptor';

export interface GcpFunctionsProviderOptions {
  /** faasLab.gcp.project; empty: the ADC project (GOOGLE_CLOUD_PROJECT, the key file, gcloud's). */
  project?: string;
  /** faasLab.gcp.region, e.g. us-central1. */
  region?: string;
  /** faasLab.gcp.keyFile: a service-account key instead of the ADC lookup. */
  keyFilename?: string;
  /** An authenticated client instead of ADC (tests: an OAuth2Client holding a fixed token). */
  authClient?: AuthClient;
  /** Cloud Functions API endpoint (host, or URL with scheme and port). */
  apiEndpoint?: string;
  /** Cloud Logging API root; default https://logging.googleapis.com. */
  loggingEndpoint?: string;
  /** Mints identity tokens for function URLs; default: google-auth-library's ID token client for ADC. */
  idToken?: IdTokenSource;
  timing?: Partial<GcpTiming>;
}

export class GcpFunctionsProvider implements Provider {
  readonly id = gcpPlatform.id;
  readonly displayName = gcpPlatform.displayName;

  /** Built on first use: constructing the client starts its credential lookup. */
  private clientsMade: GcpClients | undefined;
  private readonly makeClients: () => GcpClients;
  private readonly ctx: GcpContext;
  private readonly usesExplicitCredentials: boolean;

  constructor(options: GcpFunctionsProviderOptions = {}) {
    this.usesExplicitCredentials = Boolean(options.authClient || options.keyFilename);
    this.makeClients = () =>
      (this.clientsMade ??= createGcpClients({ project: options.project || undefined, authClient: options.authClient, keyFilename: options.keyFilename || undefined, apiEndpoint: options.apiEndpoint || undefined }));
    const makeClients = this.makeClients;
    let projectPromise: Promise<string> | undefined;
    this.ctx = {
      get clients() {
        return makeClients();
      },
      region: options.region || process.env.FUNCTION_REGION || process.env.CLOUDSDK_FUNCTIONS_REGION || undefined,
      loggingEndpoint: (options.loggingEndpoint || 'https://logging.googleapis.com').replace(/\/$/, ''),
      timing: { ...DEFAULT_TIMING, ...options.timing },
      idToken: options.idToken ?? adcIdTokens(() => makeClients().auth),
      project: () => {
        if (options.project) return Promise.resolve(options.project);
        if (!options.authClient && !options.keyFilename) requireLocalAdc();
        if (!projectPromise) {
          const pending = makeClients().auth.getProjectId();
          // A failure is not remembered: the user may fix the setup and try again.
          pending.catch(() => {
            if (projectPromise === pending) projectPromise = undefined;
          });
          projectPromise = pending;
        }
        return projectPromise;
      },
    };
  }

  readiness(): Promise<Readiness> {
    if (!this.usesExplicitCredentials && !adcAvailableLocally()) {
      return Promise.resolve({ ready: false, message: NO_ADC_MESSAGE, fixes: [ADC_DOCS, { kind: 'setting', setting: 'faasLab.gcp.keyFile', label: 'Set a service-account key file' }] });
    }
    return checkReadiness(this.ctx);
  }

  deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
    return deployFunction(this.ctx, spec, artifact, signal);
  }

  /** Memory is rounded up to the next size Cloud Functions offers, with that size's CPU. */
  /** The Cloud Functions memory tier that holds `requestedMB`. */
  memoryFor(requestedMB: number): number {
    return memoryTier(requestedMB).memoryMB;
  }

  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    signal?.throwIfAborted();
    try {
      const current = await this.require(deployment.name, signal);
      const now = toDeployment(current)!;
      const tier = memoryTier(change.memoryMB ?? now.memoryMB);
      const timeoutS = change.timeoutS ?? now.timeoutS;
      checkTimeout(timeoutS);
      if (tier.memoryMB === now.memoryMB && timeoutS === now.timeoutS && current.serviceConfig?.availableCpu === tier.cpu) return now;
      const env = { ...(current.serviceConfig?.environmentVariables ?? {}), ...ownEnv(now.name, tier.memoryMB, timeoutS, this.ctx.region ?? '', await this.ctx.project()) };
      return await updateService(this.ctx, current, { availableMemory: tier.memory, availableCpu: tier.cpu, timeoutSeconds: timeoutS, environmentVariables: env }, signal);
    } catch (err) {
      throw toUserError(err, `changing ${deployment.name}'s configuration`);
    }
  }

  invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    return invokeFunction(this.ctx, deployment, payload, options.signal);
  }

  checkPayload(_deployment: Deployment, payload: unknown): void {
    encodeRequest(payload);
  }

  async list(signal?: AbortSignal): Promise<Deployment[]> {
    try {
      const parent = await locationOf(this.ctx);
      const out: Deployment[] = [];
      const iterable = this.makeClients().functions.listFunctionsAsync({ parent }, { autoPaginate: false });
      for await (const fn of iterable) {
        signal?.throwIfAborted();
        const d = toDeployment(fn);
        if (d) out.push(d);
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw toUserError(err, 'listing Cloud Functions');
    }
  }

  async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    try {
      const fn = await getFunction(this.ctx, name, signal);
      return fn && toDeployment(fn);
    } catch (err) {
      throw toUserError(err, `reading ${name}`);
    }
  }

  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    try {
      await deleteFunction(this.ctx, deployment.name, signal);
    } catch (err) {
      if (isNotFound(err)) return;
      throw toUserError(err, `deleting ${deployment.name}`);
    }
  }

  /** A changed FAASLAB_RECYCLE variable makes a new revision: its first calls start new instances. */
  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    try {
      const current = await this.require(deployment.name, signal);
      const env = { ...(current.serviceConfig?.environmentVariables ?? {}), FAASLAB_RECYCLE: String(Date.now()) };
      await updateService(this.ctx, current, { environmentVariables: env }, signal);
    } catch (err) {
      throw toUserError(err, `recycling ${deployment.name}'s instances`);
    }
  }

  async logs(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<LogEntry[]> {
    try {
      return await abortable(recentLogs(this.ctx, deployment.name, options.limit ?? 100, options.signal), options.signal);
    } catch (err) {
      throw toUserError(err, `reading ${deployment.name}'s logs`);
    }
  }

  async dispose(): Promise<void> {
    await this.clientsMade?.close();
  }

  private async require(name: string, signal?: AbortSignal): Promise<GcpFunction> {
    const found = await getFunction(this.ctx, name, signal);
    if (!found) throw new UserError(`No Cloud Function '${name}' in ${this.ctx.region ?? 'the region'}: deploy it first (Deploy in the editor, or faas-lab deploy <file>)`);
    return found;
  }
}

/** ADC identity tokens, one cached client per function URL (each keeps its token until it expires). */
function adcIdTokens(auth: () => GoogleAuth): IdTokenSource {
  const clients = new Map<string, Promise<{ getRequestHeaders(): Promise<Headers> }>>();
  return async (audience) => {
    let client = clients.get(audience);
    if (!client) {
      client = auth().getIdTokenClient(audience);
      client.catch(() => clients.delete(audience));
      clients.set(audience, client);
    }
    const headers = await (await client).getRequestHeaders();
    return (headers.get('authorization') ?? '').replace(/^Bearer /i, '');
  };
}
