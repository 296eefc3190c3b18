// Azure Functions on the Flex Consumption plan: one Function App per function, zip deployments
// through One Deploy, HTTP calls with the function key, memory per instance (512/2048/4096 MB)
// as the memory setting. Credentials come from DefaultAzureCredential.
import { DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { Agent } from 'node:https';
import {
  UserError,
  type Artifact,
  type ConfigureChange,
  type Deployment,
  type FunctionSpec,
  type Invocation,
  type InvokeOptions,
  type Provider,
  type Readiness,
} from '../../core/model';
import { SITES_API_VERSION, createAzureClients, type AzureClients } from './client';
import { TAG, checkTimeout, flexMemory, hostTimeout, isFlex, toDeployment } from './config';
import { DEFAULT_TIMING, type AzureContext, type AzureTiming } from './context';
import { appName, appSettings, deployFunction, getSite, waitRunning } from './deploy';
import { isNotFound, toUserError } from './errors';
import { encodeRequest, invokeFunction } from './invoke';
import { checkReadiness } from './readiness';
import { azurePlatform } from './descriptor';

export interface AzureFunctionsProviderOptions {
  /** faasLab.azure.subscriptionId; empty: AZURE_SUBSCRIPTION_ID. */
  subscriptionId?: string;
  /** faasLab.azure.resourceGroup: where FaaS Lab creates its plans and apps. */
  resourceGroup?: string;
  /** faasLab.azure.region, e.g. eastus (one with Flex Consumption). */
  region?: string;
  /** faasLab.azure.storageAccount: an account in the resource group, created on the first deploy when missing. */
  storageAccount?: string;
  /** Any TokenCredential; default DefaultAzureCredential (az login, env, managed identity). */
  credential?: TokenCredential;
  /** ARM endpoint; default https://management.azure.com. */
  endpoint?: string;
  /** HTTPS agent for every call (a corporate CA; the tests' loopback certificate). */
  httpsAgent?: Agent;
  timing?: Partial<AzureTiming>;
}

export class AzureFunctionsProvider implements Provider {
  readonly id = azurePlatform.id;
  readonly displayName = azurePlatform.displayName;

  private readonly clients: AzureClients;
  private readonly ctx: Partial<AzureContext> & Pick<AzureContext, 'clients' | 'timing' | 'keys'>;

  constructor(options: AzureFunctionsProviderOptions = {}) {
    const subscriptionId = options.subscriptionId || process.env.AZURE_SUBSCRIPTION_ID || '';
    this.clients = createAzureClients(options.credential ?? new DefaultAzureCredential(), subscriptionId || '00000000-0000-0000-0000-000000000000', options.endpoint, options.httpsAgent);
    this.ctx = {
      clients: this.clients,
      subscriptionId: subscriptionId || undefined,
      resourceGroup: options.resourceGroup || undefined,
      region: options.region || undefined,
      storageAccount: options.storageAccount || undefined,
      timing: { ...DEFAULT_TIMING, ...options.timing },
      keys: new Map(),
    };
  }

  readiness(): Promise<Readiness> {
    return checkReadiness(this.ctx);
  }

  async deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
    const ctx = this.settled();
    try {
      return await deployFunction(ctx, spec, artifact, signal);
    } catch (err) {
      throw toUserError(err, `deploying ${spec.name}`);
    }
  }

  /**
   * Flex Consumption: memory is the instance size (rounded up to 512, 2048 or 4096 MB, the sizes
   * it has). Other plans fix memory by their SKU, so a memory change is refused there. The
   * timeout is host.json's functionTimeout, overridden by an app setting.
   */
  /** The Flex Consumption instance size that holds `requestedMB`. */
  memoryFor(requestedMB: number): number {
    return flexMemory(requestedMB);
  }

  async configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment> {
    const ctx = this.settled();
    const app = appName(ctx, deployment.name);
    try {
      const site = await getSite(ctx, deployment.name, signal);
      if (!site) throw new UserError(`No Azure function app for '${deployment.name}' in ${ctx.resourceGroup}: deploy it first`);
      const settings = await appSettings(ctx, app, signal);
      let changed = false;
      if (change.memoryMB !== undefined) {
        if (!isFlex(site)) {
          throw new UserError(`${app} runs on a ${site.sku ?? 'non-Flex'} plan, where memory comes with the plan's size and cannot be set per function: redeploy it with FaaS Lab (which uses Flex Consumption) to sweep memory`);
        }
        const memoryMB = flexMemory(change.memoryMB);
        if (site.functionAppConfig?.scaleAndConcurrency?.instanceMemoryMB !== memoryMB) {
          const config = site.functionAppConfig!;
          // App Service's typed PATCH has no functionAppConfig: the site is patched through ARM directly.
          const scale = { ...config.scaleAndConcurrency, instanceMemoryMB: memoryMB };
          const patched = await ctx.clients.arm('PATCH', `${site.id}?api-version=${SITES_API_VERSION}`, { properties: { functionAppConfig: { ...config, scaleAndConcurrency: scale } } }, signal);
          if (patched.status >= 400) throw new UserError(`Azure refused ${app}'s new instance memory ${memoryMB} MB (HTTP ${patched.status}): ${JSON.stringify(patched.json)}`);
          settings.FAASLAB_MEMORY_MB = String(memoryMB);
          changed = true;
        }
      }
      if (change.timeoutS !== undefined && change.timeoutS !== deployment.timeoutS) {
        checkTimeout(change.timeoutS);
        settings.AzureFunctionsJobHost__functionTimeout = hostTimeout(change.timeoutS);
        settings.FAASLAB_TIMEOUT_S = String(change.timeoutS);
        const tagged = await ctx.clients.arm('PATCH', `${site.id}/providers/Microsoft.Resources/tags/default?api-version=2021-04-01`, { operation: 'Merge', properties: { tags: { [TAG.timeoutS]: String(change.timeoutS) } } }, signal);
        if (tagged.status >= 400) throw new UserError(`Could not record ${app}'s timeout (HTTP ${tagged.status}); try again`);
        changed = true;
      }
      if (changed) await ctx.clients.web.webApps.updateApplicationSettings(ctx.resourceGroup, app, { properties: settings }, { abortSignal: signal });
      const current = changed ? await waitRunning(ctx, app, signal) : site;
      return toDeployment(current, settings)!;
    } catch (err) {
      throw toUserError(err, `changing ${deployment.name}'s configuration`);
    }
  }

  invoke(deployment: Deployment, payload: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    return invokeFunction(this.settled(), deployment, payload, options.signal);
  }

  checkPayload(_deployment: Deployment, payload: unknown): void {
    encodeRequest(payload);
  }

  async list(signal?: AbortSignal): Promise<Deployment[]> {
    const ctx = this.settled();
    try {
      const out: Deployment[] = [];
      for await (const site of ctx.clients.web.webApps.listByResourceGroup(ctx.resourceGroup, { abortSignal: signal })) {
        if (!/functionapp/i.test(site.kind ?? '')) continue;
        const d = toDeployment(site);
        if (d) out.push(d);
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw toUserError(err, `listing function apps in ${ctx.resourceGroup}`);
    }
  }

  async get(name: string, signal?: AbortSignal): Promise<Deployment | undefined> {
    const ctx = this.settled();
    try {
      const site = await getSite(ctx, name, signal);
      return site && toDeployment(site, await appSettings(ctx, site.name!, signal));
    } catch (err) {
      throw toUserError(err, `reading ${name}`);
    }
  }

  /** Deletes the app and, with it, its now empty Flex plan. */
  async remove(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    const ctx = this.settled();
    const app = appName(ctx, deployment.name);
    try {
      await ctx.clients.web.webApps.delete(ctx.resourceGroup, app, { deleteEmptyServerFarm: true, abortSignal: signal });
      ctx.keys.delete(app);
    } catch (err) {
      if (isNotFound(err)) return;
      throw toUserError(err, `deleting ${deployment.name}`);
    }
  }

  /** A restart stops the app's instances; the next calls start new ones. */
  async recycle(deployment: Deployment, signal?: AbortSignal): Promise<void> {
    const ctx = this.settled();
    try {
      await ctx.clients.web.webApps.restart(ctx.resourceGroup, appName(ctx, deployment.name), { softRestart: false, abortSignal: signal });
    } catch (err) {
      throw toUserError(err, `restarting ${deployment.name}`);
    }
  }

  private settled(): AzureContext {
    const c = this.ctx;
    if (!c.subscriptionId || !c.resourceGroup || !c.region || !c.storageAccount) {
      throw new UserError('Azure Functions is not set up: set faasLab.azure.subscriptionId, resourceGroup, region and storageAccount (FaaS Lab: Set Up Platform shows which are missing)');
    }
    return c as AzureContext;
  }
}
