// How a FaaS Lab function is written on OpenFaaS and read back: the service name (a DNS label),
// the deploy body (image, env, memory as limits and requests, of-watchdog's timeouts as env) and
// the annotations that carry what OpenFaaS has no field for (code hash, language, handler, ...).
// list() and get() read these from the gateway; nothing is cached on this side.
import { createHash } from 'node:crypto';
import type { Deployment } from '../../core/model';
import { envFromJson } from '../shared/deployments';
import type { FunctionDeploymentBody, FunctionStatus } from './gateway';

/** Labels and annotations FaaS Lab sets on its functions. */
export const ANNOTATION = {
  managed: 'faaslab.managed',
  function: 'faaslab.function',
  codeHash: 'faaslab.codeHash',
  language: 'faaslab.language',
  runtime: 'faaslab.runtime',
  timeoutS: 'faaslab.timeoutS',
  handler: 'faaslab.handler',
  sourceFile: 'faaslab.sourceFile',
  env: 'faaslab.env',
  updatedAt: 'faaslab.updatedAt',
  baseImage: 'faaslab.baseImage',
} as const;

/**
 * OpenFaaS names are DNS labels (lower case, digits and `-`, at most 63): a function name that is
 * not one already (`hello_world`) gets a short hash, so `Hello` and `hello` stay apart.
 */
export function serviceName(functionName: string): string {
  const slug = functionName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'fn';
  if (slug === functionName && slug.length <= 63) return slug;
  const hash = createHash('sha256').update(functionName).digest('hex').slice(0, 8);
  return `${slug.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}

/** The memory size as a Kubernetes quantity: 256 → `256Mi`. */
export function memoryQuantity(memoryMB: number): string {
  return `${memoryMB}Mi`;
}

/** A quantity OpenFaaS reports (`256Mi`, `256M`, `1Gi`, `268435456`) in MB (MiB), or undefined. */
export function memoryMBOf(quantity: string | undefined): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|k|K|M|G|T)?\s*$/.exec(quantity ?? '');
  if (!m) return undefined;
  const factor: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1000 / 1048576, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576, '': 1 / 1048576 };
  return Math.round(Number(m[1]) * factor[m[2] ?? '']);
}

/** of-watchdog's timeouts as a Go duration: the function's timeout (`30s`). */
function duration(seconds: number): string {
  return `${seconds}s`;
}

/** The body of POST/PUT /system/functions for this deployment and image. */
export function deployBody(d: Deployment, image: string, baseImage: string): FunctionDeploymentBody {
  const annotations: Record<string, string> = {
    [ANNOTATION.function]: d.name,
    [ANNOTATION.codeHash]: d.codeHash,
    [ANNOTATION.language]: d.language,
    [ANNOTATION.runtime]: d.runtime,
    [ANNOTATION.timeoutS]: String(d.timeoutS),
    [ANNOTATION.env]: JSON.stringify(d.env ?? {}),
    [ANNOTATION.updatedAt]: d.updatedAt,
    [ANNOTATION.baseImage]: baseImage,
  };
  if (d.handler !== undefined) annotations[ANNOTATION.handler] = d.handler;
  if (d.sourceFile !== undefined) annotations[ANNOTATION.sourceFile] = d.sourceFile;
  const memory = memoryQuantity(d.memoryMB);
  return {
    service: serviceName(d.name),
    image,
    envVars: {
      ...d.env,
      // of-watchdog's timeouts, for a watchdog in the image; the shim enforces FAASLAB_TIMEOUT_S.
      exec_timeout: duration(d.timeoutS),
      read_timeout: duration(d.timeoutS),
      write_timeout: duration(d.timeoutS),
      FAASLAB_MEMORY_MB: String(d.memoryMB),
      FAASLAB_TIMEOUT_S: String(d.timeoutS),
    },
    labels: { [ANNOTATION.managed]: 'true' },
    annotations,
    limits: { memory },
    requests: { memory },
  };
}

/** The Deployment a function's status describes: FaaS Lab's own from its annotations, any other as found. */
export function deploymentFrom(status: FunctionStatus, gateway: string): Deployment {
  const a = status.annotations ?? {};
  const managed = status.labels?.[ANNOTATION.managed] === 'true' && typeof a[ANNOTATION.function] === 'string';
  const memoryMB = memoryMBOf(status.limits?.memory ?? undefined) ?? memoryMBOf(status.requests?.memory ?? undefined) ?? 0;
  const endpoint = `${gateway}/function/${status.name}`;
  if (!managed) {
    // Not FaaS Lab's: its code and runtime are the image's; 0 MB is "no limit set".
    return { platform: 'openfaas', name: status.name, language: 'node', runtime: `image ${status.image}`, memoryMB, timeoutS: 0, codeHash: '', endpoint, updatedAt: status.createdAt ?? '', managed: false };
  }
  const env = envFromJson(a[ANNOTATION.env]);
  const deployment: Deployment = {
    platform: 'openfaas',
    name: a[ANNOTATION.function],
    language: a[ANNOTATION.language] === 'python' ? 'python' : 'node',
    runtime: a[ANNOTATION.runtime] ?? '',
    memoryMB,
    timeoutS: Number(a[ANNOTATION.timeoutS]) || 0,
    codeHash: a[ANNOTATION.codeHash] ?? '',
    endpoint,
    updatedAt: a[ANNOTATION.updatedAt] ?? status.createdAt ?? '',
    env,
    managed: true,
  };
  if (a[ANNOTATION.handler]) deployment.handler = a[ANNOTATION.handler];
  if (a[ANNOTATION.sourceFile]) deployment.sourceFile = a[ANNOTATION.sourceFile];
  return deployment;
}
