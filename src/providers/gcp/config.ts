// How a FaaS Lab function maps onto a Cloud Functions (2nd gen) resource: names, memory tiers
// with their CPU, labels, and a Function resource as a FaaS Lab Deployment.
import type { protos } from '@google-cloud/functions';
import { UserError, type Deployment, type Language } from '../../core/model';

export type GcpFunction = protos.google.cloud.functions.v2.IFunction;

export const LABEL = {
  managed: 'faaslab-managed',
  /** Label values hold at most 63 characters: the sha256 hex is split over two labels. */
  codeHash: 'faaslab-code-hash',
  codeHashEnd: 'faaslab-code-hash-end',
} as const;

/** Environment variables FaaS Lab sets itself; they are not the user's `env`. */
export const OWN_ENV = ['FAASLAB_FUNCTION_NAME', 'FAASLAB_MEMORY_MB', 'FAASLAB_TIMEOUT_S', 'FAASLAB_REGION', 'FAASLAB_CALL_URL', 'FAASLAB_RECYCLE'] as const;

/** Memory sizes Cloud Functions offers, with the CPU each gets by default (cloud.google.com/functions/docs/configuring/memory). */
export const MEMORY_TIERS: readonly { memoryMB: number; memory: string; cpu: string }[] = [
  { memoryMB: 128, memory: '128Mi', cpu: '0.083' },
  { memoryMB: 256, memory: '256Mi', cpu: '0.167' },
  { memoryMB: 512, memory: '512Mi', cpu: '0.333' },
  { memoryMB: 1024, memory: '1Gi', cpu: '0.583' },
  { memoryMB: 2048, memory: '2Gi', cpu: '1' },
  { memoryMB: 4096, memory: '4Gi', cpu: '2' },
  { memoryMB: 8192, memory: '8Gi', cpu: '2' },
  { memoryMB: 16384, memory: '16Gi', cpu: '4' },
  { memoryMB: 32768, memory: '32Gi', cpu: '8' },
];

export const MAX_HTTP_TIMEOUT_S = 3600;

/** The smallest tier that holds `memoryMB` (Cloud Functions rounds nothing itself: it refuses). */
export function memoryTier(memoryMB: number): { memoryMB: number; memory: string; cpu: string } {
  const tier = MEMORY_TIERS.find((t) => t.memoryMB >= memoryMB);
  if (!Number.isFinite(memoryMB) || memoryMB <= 0 || !tier) {
    throw new UserError(`Google Cloud Functions offers ${MEMORY_TIERS.map((t) => t.memoryMB).join(', ')} MB: ${memoryMB} MB is not possible; choose one of those`);
  }
  return tier;
}

export function checkTimeout(timeoutS: number): void {
  if (!Number.isInteger(timeoutS) || timeoutS < 1 || timeoutS > MAX_HTTP_TIMEOUT_S) {
    throw new UserError(`Google Cloud Functions HTTP functions take a timeout of 1 to ${MAX_HTTP_TIMEOUT_S} whole seconds, not ${timeoutS}: change timeout= in the @faas annotation`);
  }
}

/** `256Mi`, `1Gi`, `512M`, `2G` -> MB. */
export function parseMemory(value: string | null | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(Mi|M|Gi|G)?$/.exec(value ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.round(m[2]?.startsWith('G') ? n * 1024 : n);
}

const FUNCTION_ID = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

export function checkFunctionName(name: string): void {
  if (!FUNCTION_ID.test(name)) {
    const suggestion = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 63) || 'my-function';
    throw new UserError(
      `'${name}' cannot name a Google Cloud Function: use lowercase letters, digits and '-', starting with a letter (at most 63); e.g. add name=${suggestion} to its @faas annotation`,
    );
  }
}

export function codeHashLabels(codeHash: string): Record<string, string> {
  return { [LABEL.codeHash]: codeHash.slice(0, 32), [LABEL.codeHashEnd]: codeHash.slice(32) };
}

/** Where the code came from, kept in the description (labels cannot hold paths). */
export function describeSource(sourceFile: string, handler: string): string {
  return `Deployed by FaaS Lab: ${handler} in ${sourceFile}`;
}

function parseSource(description: string | null | undefined): { sourceFile: string; handler: string } | undefined {
  const m = /^Deployed by FaaS Lab: (\S+) in (.+)$/.exec(description ?? '');
  return m ? { handler: m[1], sourceFile: m[2] } : undefined;
}

export function languageOf(runtime: string | null | undefined): Language | undefined {
  if (runtime?.startsWith('nodejs')) return 'node';
  if (runtime?.startsWith('python')) return 'python';
  return undefined;
}

/** `projects/p/locations/l/functions/name` -> `name`. */
export function shortName(resourceName: string | null | undefined): string {
  return (resourceName ?? '').split('/').pop() ?? '';
}

/** Undefined for functions FaaS Lab cannot describe (other languages, 1st gen). */
export function toDeployment(fn: GcpFunction): Deployment | undefined {
  const language = languageOf(fn.buildConfig?.runtime);
  if (!language || !fn.name) return undefined;
  const labels = fn.labels ?? {};
  const service = fn.serviceConfig ?? {};
  const own = new Set<string>(OWN_ENV);
  const env = Object.fromEntries(Object.entries(service.environmentVariables ?? {}).filter(([k]) => !own.has(k)));
  const hash = labels[LABEL.codeHash] !== undefined ? `${labels[LABEL.codeHash]}${labels[LABEL.codeHashEnd] ?? ''}` : `gcs:${fn.buildConfig?.source?.storageSource?.object ?? ''}`;
  const deployment: Deployment = {
    platform: 'gcp',
    name: shortName(fn.name),
    language,
    runtime: fn.buildConfig!.runtime!,
    memoryMB: parseMemory(service.availableMemory) ?? 256,
    timeoutS: service.timeoutSeconds ?? 60,
    codeHash: hash,
    updatedAt: isoTime(fn.updateTime),
    env,
    managed: labels[LABEL.managed] === 'true',
  };
  const endpoint = fn.url || service.uri;
  if (endpoint) deployment.endpoint = endpoint;
  const source = parseSource(fn.description);
  if (source) Object.assign(deployment, source);
  return deployment;
}

function isoTime(t: GcpFunction['updateTime']): string {
  const seconds = Number(t?.seconds ?? 0);
  return new Date(seconds * 1000 + Math.round((t?.nanos ?? 0) / 1e6)).toISOString();
}
