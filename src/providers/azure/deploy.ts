// Deploying to Azure Functions (Flex Consumption): the storage container for packages, a plan
// and a Function App per function (created or updated as ARM long-running operations), the zip
// through One Deploy (/api/publish on the SCM site), then waiting until the app runs and its
// function is indexed. Unchanged code (the faaslab-code-hash tag) is not published again. The app and the
// group's other FaaS Lab apps learn each other's URLs and keys (FAASLAB_FUNCTIONS, for context.invoke).
import type { Site } from '@azure/arm-appservice';
import { UserError, type Artifact, type Deployment, type FunctionSpec } from '../../core/model';
import { zipArtifact } from '../../core/packaging/zip';
import { ARM_SCOPE, STORAGE_API_VERSION, https } from './client';
import { TAG, appNameFor, checkFunctionName, checkTimeout, flexMemory, hostTimeout, splitRuntime, toDeployment } from './config';
import type { AzureContext } from './context';
import { isNotFound } from './errors';

export function appName(ctx: AzureContext, name: string): string {
  return appNameFor(name, ctx.subscriptionId, ctx.resourceGroup);
}

export async function getSite(ctx: AzureContext, name: string, signal?: AbortSignal): Promise<Site | undefined> {
  try {
    return await ctx.clients.web.webApps.get(ctx.resourceGroup, appName(ctx, name), { abortSignal: signal });
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function appSettings(ctx: AzureContext, app: string, signal?: AbortSignal): Promise<Record<string, string>> {
  return (await ctx.clients.web.webApps.listApplicationSettings(ctx.resourceGroup, app, { abortSignal: signal })).properties ?? {};
}

export async function deployFunction(ctx: AzureContext, spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
  signal?.throwIfAborted();
  checkFunctionName(spec.name);
  checkTimeout(spec.timeoutS);
  const memoryMB = flexMemory(spec.memoryMB);
  const runtime = splitRuntime(artifact.runtime);
  const app = appName(ctx, spec.name);
  const existing = await getSite(ctx, spec.name, signal);
  const connection = await storageConnection(ctx, signal);
  const container = `app-package-${app}`.slice(0, 63);
  await ctx.clients.arm('PUT', `${storagePath(ctx)}/blobServices/default/containers/${container}?api-version=${STORAGE_API_VERSION}`, { properties: { publicAccess: 'None' } }, signal);
  const plan = `${app}-plan`;
  const planResource = await ctx.clients.web.appServicePlans.createOrUpdate(
    ctx.resourceGroup,
    plan,
    { location: ctx.region, kind: 'functionapp', sku: { name: 'FC1', tier: 'FlexConsumption' }, reserved: true, tags: { [TAG.managed]: 'true' } },
    { abortSignal: signal, updateIntervalInMs: ctx.timing.pollMs },
  );
  const tags: Record<string, string> = {
    ...(existing?.tags ?? {}),
    [TAG.managed]: 'true',
    [TAG.function]: spec.name,
    [TAG.handler]: spec.handler,
    [TAG.timeoutS]: String(spec.timeoutS),
    // The hash changes only once the new code is published (below): a failed publish is retried.
    [TAG.codeHash]: existing?.tags?.[TAG.codeHash] ?? '',
  };
  if (spec.file.length <= 256) tags[TAG.sourceFile] = spec.file;
  const others = await otherFunctions(ctx, spec.name, signal);
  const settings = { ...spec.env, ...ownSettings(spec.name, memoryMB, spec.timeoutS, ctx.region, connection), FAASLAB_FUNCTIONS: callMap(others) };
  const site = await ctx.clients.web.webApps.createOrUpdate(
    ctx.resourceGroup,
    app,
    {
      location: ctx.region,
      kind: 'functionapp,linux',
      serverFarmId: planResource.id,
      httpsOnly: true,
      tags,
      siteConfig: { appSettings: Object.entries(settings).map(([name, value]) => ({ name, value })), minTlsVersion: '1.2' },
      functionAppConfig: {
        deployment: {
          storage: {
            type: 'blobContainer',
            value: `https://${ctx.storageAccount}.blob.core.windows.net/${container}`,
            authentication: { type: 'StorageAccountConnectionString', storageAccountConnectionStringName: 'DEPLOYMENT_STORAGE_CONNECTION_STRING' },
          },
        },
        runtime,
        scaleAndConcurrency: { instanceMemoryMB: memoryMB, maximumInstanceCount: 100 },
      },
    },
    { abortSignal: signal, updateIntervalInMs: ctx.timing.pollMs },
  );
  if (existing?.tags?.[TAG.codeHash] !== artifact.codeHash) {
    await publish(ctx, site, artifact, signal);
    // Tags merge through the Resources API: App Service's PATCH has no tags.
    const tagged = await ctx.clients.arm('PATCH', `${site.id}/providers/Microsoft.Resources/tags/default?api-version=2021-04-01`, { operation: 'Merge', properties: { tags: { [TAG.codeHash]: artifact.codeHash } } }, signal);
    if (tagged.status >= 400) throw new UserError(`Could not tag ${app} with its code hash (HTTP ${tagged.status}); deploy again`);
  }
  const current = await waitRunning(ctx, app, signal);
  ctx.keys.delete(app);
  const key = await functionKey(ctx, app, spec.name, signal);
  const deployment = toDeployment(current, spec.env)!;
  if (deployment.endpoint) await shareFunction(ctx, others, { name: spec.name, url: deployment.endpoint, key }, signal);
  return deployment;
}

export function ownSettings(name: string, memoryMB: number, timeoutS: number, region: string, connection: string): Record<string, string> {
  return {
    AzureWebJobsStorage: connection,
    DEPLOYMENT_STORAGE_CONNECTION_STRING: connection,
    // Overrides host.json's functionTimeout without a new package.
    AzureFunctionsJobHost__functionTimeout: hostTimeout(timeoutS),
    FAASLAB_FUNCTION_NAME: name,
    FAASLAB_MEMORY_MB: String(memoryMB),
    FAASLAB_TIMEOUT_S: String(timeoutS),
    FAASLAB_REGION: region,
  };
}

/** Another FaaS Lab function of the resource group, as context.invoke calls it. */
interface KnownFunction {
  name: string;
  app: string;
  url: string;
  key: string;
}

/** The other FaaS Lab functions of the resource group with their URLs and keys (one whose key cannot be read is left out). */
async function otherFunctions(ctx: AzureContext, self: string, signal?: AbortSignal): Promise<KnownFunction[]> {
  const out: KnownFunction[] = [];
  for await (const site of ctx.clients.web.webApps.listByResourceGroup(ctx.resourceGroup, { abortSignal: signal })) {
    const d = /functionapp/i.test(site.kind ?? '') ? toDeployment(site) : undefined;
    if (!d?.managed || !d.endpoint || d.name === self || !site.name) continue;
    try {
      const keys = await ctx.clients.web.webApps.listFunctionKeys(ctx.resourceGroup, site.name, d.name, { abortSignal: signal });
      const key = keys.properties?.default ?? Object.values(keys.properties ?? {})[0];
      if (key) out.push({ name: d.name, app: site.name, url: d.endpoint, key });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return out;
}

type CallMap = Record<string, { url: string; key: string } | undefined>;

/** FAASLAB_FUNCTIONS, the setting the shim's context.invoke reads: `{ "<name>": { "url", "key" } }`. */
function callMap(functions: readonly KnownFunction[]): string {
  return JSON.stringify(Object.fromEntries(functions.map((f) => [f.name, { url: f.url, key: f.key }])));
}

function parseCallMap(text: string | undefined): CallMap {
  try {
    const map = JSON.parse(text ?? '{}') as unknown;
    return typeof map === 'object' && map !== null && !Array.isArray(map) ? (map as CallMap) : {};
  } catch {
    return {};
  }
}

/** Adds the new function to the others' FAASLAB_FUNCTIONS, so they can call it; an app whose setting changes restarts. */
async function shareFunction(ctx: AzureContext, others: readonly KnownFunction[], self: { name: string; url: string; key: string }, signal?: AbortSignal): Promise<void> {
  for (const other of others) {
    const settings = await appSettings(ctx, other.app, signal);
    const map = parseCallMap(settings.FAASLAB_FUNCTIONS);
    if (map[self.name]?.url === self.url && map[self.name]?.key === self.key) continue;
    map[self.name] = { url: self.url, key: self.key };
    await ctx.clients.web.webApps.updateApplicationSettings(ctx.resourceGroup, other.app, { properties: { ...settings, FAASLAB_FUNCTIONS: JSON.stringify(map) } }, { abortSignal: signal });
  }
}

function storagePath(ctx: AzureContext): string {
  return `/subscriptions/${ctx.subscriptionId}/resourceGroups/${ctx.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${ctx.storageAccount}`;
}

async function storageConnection(ctx: AzureContext, signal?: AbortSignal): Promise<string> {
  const listKeys = () => ctx.clients.arm('POST', `${storagePath(ctx)}/listKeys?api-version=${STORAGE_API_VERSION}`, undefined, signal);
  let { status, json } = await listKeys();
  if (status === 404) {
    await createStorageAccount(ctx, signal);
    ({ status, json } = await listKeys());
  }
  const key = (json as { keys?: { value?: string }[] } | undefined)?.keys?.[0]?.value;
  if (status >= 400 || !key) throw new UserError(`Could not read the keys of storage account '${ctx.storageAccount}' (HTTP ${status}): the signed-in identity needs Storage Account Contributor on it`);
  return `DefaultEndpointsProtocol=https;AccountName=${ctx.storageAccount};AccountKey=${key};EndpointSuffix=core.windows.net`;
}

/**
 * faasLab.azure.storageAccount names an account that does not exist yet: FaaS Lab makes it in the
 * resource group (Standard_LRS, StorageV2, TLS 1.2, no public blob access, FaaS Lab's tag) and waits
 * until it is provisioned. Account names are global across Azure: a taken one says so.
 */
async function createStorageAccount(ctx: AzureContext, signal?: AbortSignal): Promise<void> {
  const name = ctx.storageAccount;
  if (!/^[a-z0-9]{3,24}$/.test(name)) {
    throw new UserError(`faasLab.azure.storageAccount '${name}' does not exist and cannot be created: storage account names are 3 to 24 lower-case letters and digits`);
  }
  const body = {
    location: ctx.region,
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS' },
    tags: { [TAG.managed]: 'true' },
    properties: { minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, supportsHttpsTrafficOnly: true },
  };
  const made = await ctx.clients.arm('PUT', `${storagePath(ctx)}?api-version=${STORAGE_API_VERSION}`, body, signal);
  const error = (made.json as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (made.status === 409 && error?.code === 'StorageAccountAlreadyTaken') {
    throw new UserError(`The storage account name '${name}' is taken by another Azure customer (names are global): choose another faasLab.azure.storageAccount`);
  }
  if (made.status >= 400) {
    throw new UserError(`Creating storage account '${name}' in ${ctx.resourceGroup} failed (HTTP ${made.status}${error?.code ? ` ${error.code}` : ''}: ${error?.message ?? 'no details'}): create it yourself (\`az storage account create -n ${name} -g ${ctx.resourceGroup} --sku Standard_LRS\`) or choose another faasLab.azure.storageAccount`);
  }
  // 202 Accepted: the account is provisioned in the background; its state tells when it is ready.
  const deadline = Date.now() + ctx.timing.maxWaitMs;
  for (;;) {
    const { status, json } = await ctx.clients.arm('GET', `${storagePath(ctx)}?api-version=${STORAGE_API_VERSION}`, undefined, signal);
    const state = (json as { properties?: { provisioningState?: string } } | undefined)?.properties?.provisioningState;
    if (status === 200 && state === 'Succeeded') return;
    if (state === 'Failed') throw new UserError(`Storage account '${name}' could not be provisioned: check it in the Azure portal, or choose another faasLab.azure.storageAccount`);
    if (Date.now() > deadline) throw new UserError(`Storage account '${name}' was still being created after ${Math.round(ctx.timing.maxWaitMs / 1000)} s: deploy again in a minute`);
    await new Promise((resolve) => setTimeout(resolve, ctx.timing.pollMs));
    signal?.throwIfAborted();
  }
}

/** One Deploy: POST the zip to the SCM site, then poll the deployment until it succeeds or fails. */
async function publish(ctx: AzureContext, site: Site, artifact: Artifact, signal?: AbortSignal): Promise<void> {
  const scm = site.hostNameSslStates?.find((h) => h.hostType === 'Repository')?.name ?? `${site.name}.scm.azurewebsites.net`;
  const token = await ctx.clients.credential.getToken(ARM_SCOPE, { abortSignal: signal });
  if (!token) throw new UserError('Azure gave no access token for the deployment: run `az login` again');
  const auth = { authorization: `Bearer ${token.token}` };
  // Python needs its requirements installed on Linux: a remote build. Node code is bundled already.
  const remoteBuild = artifact.language === 'python';
  const zip = await zipArtifact(artifact);
  const posted = await https(`https://${scm}/api/publish?RemoteBuild=${remoteBuild}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/zip', 'content-length': String(zip.length) },
    body: zip,
    agent: ctx.clients.agent,
    signal,
  });
  if (posted.status >= 400) throw new UserError(`Publishing ${artifact.functionName}'s package failed (HTTP ${posted.status}): ${posted.body.slice(0, 500)}`);
  const deadline = Date.now() + ctx.timing.maxWaitMs;
  for (;;) {
    const answer = await https(`https://${scm}/api/deployments/latest`, { method: 'GET', headers: auth, agent: ctx.clients.agent, signal });
    const status = answer.status === 200 ? (JSON.parse(answer.body) as { status?: number; status_text?: string; log_url?: string }) : undefined;
    // Kudu's DeployStatus: 3 Failed, 4 Success; anything else is still under way.
    if (status?.status === 4) return;
    if (status?.status === 3) throw new UserError(`Azure could not deploy ${artifact.functionName}: ${status.status_text || 'the deployment failed'}${status.log_url ? ` (log: ${status.log_url})` : ''}`);
    if (Date.now() > deadline) throw new UserError(`${artifact.functionName}'s deployment did not finish within ${Math.round(ctx.timing.maxWaitMs / 1000)} s; check it in the Azure portal (Deployment Center)`);
    await sleep(ctx.timing.pollMs, signal);
  }
}

export async function waitRunning(ctx: AzureContext, app: string, signal?: AbortSignal): Promise<Site> {
  const deadline = Date.now() + ctx.timing.maxWaitMs;
  for (;;) {
    const site = await ctx.clients.web.webApps.get(ctx.resourceGroup, app, { abortSignal: signal });
    if (site.state === 'Running') return site;
    if (Date.now() > deadline) throw new UserError(`Function App ${app} is '${site.state}', not running, after ${Math.round(ctx.timing.maxWaitMs / 1000)} s: start it in the Azure portal`);
    await sleep(ctx.timing.pollMs, signal);
  }
}

/** The function's default key; a function just published may take a while to be indexed. */
export function functionKey(ctx: AzureContext, app: string, name: string, signal?: AbortSignal): Promise<string> {
  let pending = ctx.keys.get(app);
  if (!pending) {
    pending = (async () => {
      const deadline = Date.now() + ctx.timing.functionWaitMs;
      for (;;) {
        try {
          const keys = await ctx.clients.web.webApps.listFunctionKeys(ctx.resourceGroup, app, name, { abortSignal: signal });
          const key = keys.properties?.default ?? Object.values(keys.properties ?? {})[0];
          if (key) return key;
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        if (Date.now() > deadline) throw new UserError(`Function '${name}' did not appear in app ${app}: check the app's logs for a startup error (Azure portal, Log stream)`);
        await sleep(ctx.timing.pollMs, signal);
      }
    })();
    pending.catch(() => ctx.keys.delete(app));
    ctx.keys.set(app, pending);
  }
  return pending;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }));
    }, { once: true });
  });
}
