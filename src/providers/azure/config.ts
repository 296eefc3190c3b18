// How a FaaS Lab function maps onto Azure: one Function App per function on its own Flex
// Consumption plan (memory per instance is an app setting of Flex alone), tags that say what
// FaaS Lab deployed, and a Site as a FaaS Lab Deployment.
import { createHash } from 'node:crypto';
import type { Site } from '@azure/arm-appservice';
import { UserError, type Deployment, type Language } from '../../core/model';

export const TAG = {
  managed: 'faaslab-managed',
  codeHash: 'faaslab-code-hash',
  function: 'faaslab-function',
  handler: 'faaslab-handler',
  sourceFile: 'faaslab-source-file',
  timeoutS: 'faaslab-timeout-s',
} as const;

/** Instance sizes Flex Consumption offers (learn.microsoft.com/azure/azure-functions/flex-consumption-plan#instance-memory). */
export const FLEX_MEMORY_MB = [512, 2048, 4096] as const;

/** The smallest Flex instance size that holds `memoryMB`. */
export function flexMemory(memoryMB: number): number {
  const size = FLEX_MEMORY_MB.find((m) => m >= memoryMB);
  if (!Number.isFinite(memoryMB) || memoryMB <= 0 || size === undefined) {
    throw new UserError(`Azure Flex Consumption instances have ${FLEX_MEMORY_MB.join(', ')} MB: ${memoryMB} MB is not possible; choose at most 4096`);
  }
  return size;
}

export function isFlex(site: Site): boolean {
  return !!site.functionAppConfig || /flex/i.test(site.sku ?? '');
}

/**
 * App names are global (<app>.azurewebsites.net): the function's name plus a hash of the
 * subscription and resource group keeps two users' `hello` apart, and the same user's stable.
 */
export function appNameFor(name: string, subscriptionId: string, resourceGroup: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'fn';
  const suffix = createHash('sha256').update(`${subscriptionId}/${resourceGroup}`.toLowerCase()).digest('hex').slice(0, 8);
  return `${base}-${suffix}`;
}

/** An HTTP trigger name: what the route /api/<name> and the v4/v2 programming models accept. */
export function checkFunctionName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,126}$/.test(name)) {
    throw new UserError(`'${name}' cannot name an Azure function: use letters, digits, '-' and '_', starting with a letter; set name= in its @faas annotation`);
  }
}

export function checkTimeout(timeoutS: number): void {
  if (!Number.isInteger(timeoutS) || timeoutS < 1 || timeoutS > 230) {
    // HTTP triggers answer within 230 s whatever functionTimeout says (the front end's idle timeout).
    throw new UserError(`Azure HTTP functions must answer within 230 s: a timeout of ${timeoutS} s is not possible; choose 1 to 230`);
  }
}

/** `hh:mm:ss`, as host.json's functionTimeout (and its app-setting override) takes it. */
export function hostTimeout(timeoutS: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(timeoutS / 3600))}:${pad(Math.floor((timeoutS % 3600) / 60))}:${pad(timeoutS % 60)}`;
}

export function languageOf(runtimeName: string | undefined): Language | undefined {
  if (runtimeName === 'node') return 'node';
  if (runtimeName === 'python') return 'python';
  return undefined;
}

/** `node 20` -> { name: 'node', version: '20' } (the packager's runtime string for Azure). */
export function splitRuntime(runtime: string): { name: 'node' | 'python'; version: string } {
  const [name, version] = runtime.split(' ');
  if ((name !== 'node' && name !== 'python') || !version) throw new Error(`'${runtime}' is not an Azure Functions runtime (package with target 'azure')`);
  return { name, version };
}

/** App settings FaaS Lab sets; they are not the user's `env`. */
export const OWN_SETTINGS = new Set([
  'AzureWebJobsStorage',
  'DEPLOYMENT_STORAGE_CONNECTION_STRING',
  'AzureFunctionsJobHost__functionTimeout',
  'FAASLAB_FUNCTION_NAME',
  'FAASLAB_MEMORY_MB',
  'FAASLAB_TIMEOUT_S',
  'FAASLAB_REGION',
  // context.invoke's URLs and keys of the group's other FaaS Lab functions (deploy.ts).
  'FAASLAB_FUNCTIONS',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
]);

export function toDeployment(site: Site, settings?: Record<string, string>): Deployment | undefined {
  const tags = site.tags ?? {};
  const runtime = site.functionAppConfig?.runtime;
  const language = languageOf(runtime?.name);
  const name = tags[TAG.function] ?? site.name;
  if (!language || !name) return undefined;
  const deployment: Deployment = {
    platform: 'azure',
    name,
    language,
    runtime: `${runtime!.name} ${runtime!.version ?? ''}`.trim(),
    memoryMB: site.functionAppConfig?.scaleAndConcurrency?.instanceMemoryMB ?? 2048,
    timeoutS: Number(tags[TAG.timeoutS] ?? 230),
    codeHash: tags[TAG.codeHash] ?? '',
    updatedAt: site.lastModifiedTimeUtc ? new Date(site.lastModifiedTimeUtc).toISOString() : new Date(0).toISOString(),
    managed: tags[TAG.managed] === 'true',
  };
  if (site.defaultHostName) deployment.endpoint = `https://${site.defaultHostName}/api/${name}`;
  if (settings) deployment.env = Object.fromEntries(Object.entries(settings).filter(([k]) => !OWN_SETTINGS.has(k)));
  if (tags[TAG.sourceFile]) deployment.sourceFile = tags[TAG.sourceFile];
  if (tags[TAG.handler]) deployment.handler = tags[TAG.handler];
  return deployment;
}
